using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "creditNotes" from the audit trail: AUDIT_HEADER and AUDIT_SPLIT of type SC, allocated by AUDIT_USAGE.</summary>
public sealed class CreditNotesReader : IHeaderScopedReader
{
    private static readonly AuditDocumentKind Kind = new(
        DataTypeNames.CreditNotes,
        SageTransactionType.SalesCredit,
        NumberField: "creditNoteNumber",
        CounterpartyField: "customerRef",
        CounterpartyNameField: "companyName",
        LedgerTable: "SALES_LEDGER",
        TaxField: "totalTaxAmount",
        OutstandingField: "remainingCredit",
        OpenStatus: "Submitted",
        HasDueDate: false,
        SettledDateField: "allocatedOnDate",
        HasDiscountFields: true);

    public string DataType => Kind.DataType;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditDocuments.CountAsync(Kind, source, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditDocuments.ReadAsync(Kind, source, null, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, HeaderScope scope, ChangeWindow changes, CancellationToken cancellationToken) =>
        AuditDocuments.ReadAsync(Kind, source, scope, cancellationToken);
}
