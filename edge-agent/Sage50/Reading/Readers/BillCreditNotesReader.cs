using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "billCreditNotes" from the audit trail: AUDIT_HEADER and AUDIT_SPLIT of type PC, allocated by AUDIT_USAGE.</summary>
public sealed class BillCreditNotesReader : IHeaderScopedReader
{
    private static readonly AuditDocumentKind Kind = new(
        DataTypeNames.BillCreditNotes,
        SageTransactionType.PurchaseCredit,
        NumberField: "billCreditNoteNumber",
        CounterpartyField: "supplierRef",
        CounterpartyNameField: "supplierName",
        LedgerTable: "PURCHASE_LEDGER",
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
