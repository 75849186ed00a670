using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// A scoped reader whose records depend on every posting before them (a running balance): it keeps the postings it
/// read in a <see cref="BankLedger"/>, and a delta on the version that ledger was read for replaces only the changed
/// transactions' postings instead of reading them all. Records are byte for byte the ones the plain reads give.
/// </summary>
public interface IBankLedgerReader : IHeaderScopedReader
{
    /// <summary>As <see cref="ISage50Reader.ReadAsync"/>, handing the ledger it read to <paramref name="ledger"/>.</summary>
    IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, BankLedgerHandoff ledger, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="IHeaderScopedReader.ReadAsync"/>, building on <see cref="BankLedgerHandoff.Previous"/> when it
    /// was read from the same bank accounts, and handing the new ledger on.
    /// </summary>
    IAsyncEnumerable<Sage50Record> ReadAsync(
        ISage50DataSource source, HeaderScope scope, ChangeWindow changes, BankLedgerHandoff ledger, CancellationToken cancellationToken);
}
