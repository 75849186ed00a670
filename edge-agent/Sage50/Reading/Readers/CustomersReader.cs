using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "customers" from SALES_LEDGER (one record per customer account).</summary>
public sealed class CustomersReader : ISage50Reader
{
    private const string Table = "SALES_LEDGER";

    public string DataType => DataTypeNames.Customers;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        LedgerAccounts.Select(Table).CountAsync(source, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        LedgerAccounts.ReadAsync(source, Table, "customerName", cancellationToken);
}
