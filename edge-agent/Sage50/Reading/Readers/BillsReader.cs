using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "bills" from the audit trail: AUDIT_HEADER and AUDIT_SPLIT of type PI, paid by AUDIT_USAGE.</summary>
public sealed class BillsReader : IHeaderScopedReader
{
    private static readonly AuditDocumentKind Kind = new(
        DataTypeNames.Bills,
        SageTransactionType.PurchaseInvoice,
        NumberField: "reference",
        CounterpartyField: "supplierRef",
        CounterpartyNameField: "supplierName",
        LedgerTable: "PURCHASE_LEDGER",
        TaxField: "taxAmount",
        OutstandingField: "amountDue",
        OpenStatus: "Open",
        HasDueDate: true,
        SettledDateField: null,
        HasDiscountFields: false);

    public string DataType => Kind.DataType;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditDocuments.CountAsync(Kind, source, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditDocuments.ReadAsync(Kind, source, null, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, HeaderScope scope, ChangeWindow changes, CancellationToken cancellationToken) =>
        AuditDocuments.ReadAsync(Kind, source, scope, cancellationToken);
}
