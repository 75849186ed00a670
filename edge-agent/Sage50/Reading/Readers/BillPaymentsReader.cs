using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "billPayments" from supplier payments in the audit trail (PP, and PA payments on account) and their AUDIT_USAGE allocations.</summary>
public sealed class BillPaymentsReader : IHeaderScopedReader
{
    private static readonly AuditPaymentKind Kind = new(
        DataTypeNames.BillPayments,
        [SageTransactionType.PurchasePayment, SageTransactionType.PurchasePaymentOnAccount],
        CounterpartyField: "supplierRef",
        CounterpartyNameField: "supplierName",
        LedgerTable: "PURCHASE_LEDGER",
        DocumentLinkType: "Bill");

    public string DataType => Kind.DataType;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditPayments.CountAsync(Kind, source, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditPayments.ReadAsync(Kind, source, null, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, HeaderScope scope, ChangeWindow changes, CancellationToken cancellationToken) =>
        AuditPayments.ReadAsync(Kind, source, scope, cancellationToken);
}
