using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "suppliers" from PURCHASE_LEDGER (one record per supplier account).</summary>
public sealed class SuppliersReader : ISage50Reader
{
    private const string Table = "PURCHASE_LEDGER";

    public string DataType => DataTypeNames.Suppliers;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        LedgerAccounts.Select(Table).CountAsync(source, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        LedgerAccounts.ReadAsync(source, Table, "supplierName", cancellationToken);
}
