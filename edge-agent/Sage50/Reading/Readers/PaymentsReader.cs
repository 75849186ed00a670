using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "payments" from customer receipts in the audit trail (SR, and SA payments on account) and their AUDIT_USAGE allocations.</summary>
public sealed class PaymentsReader : IHeaderScopedReader
{
    private static readonly AuditPaymentKind Kind = new(
        DataTypeNames.Payments,
        [SageTransactionType.SalesReceipt, SageTransactionType.SalesReceiptOnAccount],
        CounterpartyField: "customerRef",
        CounterpartyNameField: "companyName",
        LedgerTable: "SALES_LEDGER",
        DocumentLinkType: "Invoice");

    public string DataType => Kind.DataType;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditPayments.CountAsync(Kind, source, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditPayments.ReadAsync(Kind, source, null, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, HeaderScope scope, ChangeWindow changes, CancellationToken cancellationToken) =>
        AuditPayments.ReadAsync(Kind, source, scope, cancellationToken);
}
