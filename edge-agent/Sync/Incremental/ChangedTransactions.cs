using System.Globalization;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// Finds the audit-trail transactions an incremental sync must read again, with single-table SELECTs on Sage's
/// record numbers and RECORD_MODIFY_DATE: headers, splits and journal lines modified since the committed version,
/// splits numbered after it, allocations (AUDIT_USAGE) modified since, postings naming an account whose name changed,
/// and then one allocation step out from all of those, because a document's record shows the payments allocated to
/// it and a payment's the documents it paid.
/// </summary>
public static class ChangedTransactions
{
    private static readonly string[] ModifiedTables = ["AUDIT_HEADER", "AUDIT_SPLIT", "AUDIT_JOURNAL", "AUDIT_USAGE"];

    /// <summary>The transactions to read again, or null when this Sage version does not mark its changes well enough to tell.</summary>
    public static Task<HeaderScope?> FindAsync(
        ISage50DataSource source, ChangeWindow changes, RenamedAccounts renamedAccounts, CancellationToken cancellationToken) =>
        FindAsync(source, changes, renamedAccounts, null, cancellationToken);

    /// <summary>
    /// As above, starting from the rows the watermark probe found modified (<paramref name="modified"/>) when they were
    /// collected for this window, instead of scanning RECORD_MODIFY_DATE again.
    /// </summary>
    public static async Task<HeaderScope?> FindAsync(
        ISage50DataSource source, ChangeWindow changes, RenamedAccounts renamedAccounts, ModifiedAuditRows? modified,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(renamedAccounts);
        foreach (var table in ModifiedTables)
        {
            if (!(await source.GetColumnsAsync(table, cancellationToken)).Contains("RECORD_MODIFY_DATE"))
            {
                return null;
            }
        }

        var headers = new HashSet<int>();
        var splits = new HashSet<int>();
        if (modified is not null && modified.Since == changes.Since)
        {
            headers.UnionWith(modified.Headers);
            splits.UnionWith(modified.UsageSplits);
        }
        else
        {
            var since = source.TimestampLiteral(changes.Since);
            foreach (var table in ModifiedTables[..3])
            {
                await CollectAsync(source, $"SELECT HEADER_NUMBER FROM {table} WHERE RECORD_MODIFY_DATE >= {since}", headers, cancellationToken);
            }

            await CollectAsync(source, $"SELECT SPLIT_NUMBER, SPLIT_CROSSREF FROM AUDIT_USAGE WHERE RECORD_MODIFY_DATE >= {since}", splits, cancellationToken);
        }

        await CollectAsync(source, Invariant($"SELECT HEADER_NUMBER FROM AUDIT_SPLIT WHERE TRAN_NUMBER > {changes.AfterTranNumber}"), headers, cancellationToken);

        foreach (var chunk in renamedAccounts.Counterparties.Chunk(HeaderScope.ChunkSize))
        {
            await CollectAsync(source, $"SELECT HEADER_NUMBER FROM AUDIT_HEADER WHERE ACCOUNT_REF IN {HeaderScope.InList(chunk)}", headers, cancellationToken);
        }

        foreach (var chunk in renamedAccounts.Nominal.Chunk(HeaderScope.ChunkSize))
        {
            var accounts = HeaderScope.InList(chunk);
            await CollectAsync(source, $"SELECT HEADER_NUMBER FROM AUDIT_HEADER WHERE ACCOUNT_REF IN {accounts} OR BANK_CODE IN {accounts}", headers, cancellationToken);
            await CollectAsync(source, $"SELECT HEADER_NUMBER FROM AUDIT_SPLIT WHERE NOMINAL_CODE IN {accounts}", headers, cancellationToken);
            await CollectAsync(source, $"SELECT HEADER_NUMBER FROM AUDIT_JOURNAL WHERE NOMINAL_CODE IN {accounts}", headers, cancellationToken);
        }

        // One allocation step out: the splits of every changed transaction, the usages at either end of them, and the
        // transactions at the other ends.
        foreach (var chunk in headers.Order().Chunk(HeaderScope.ChunkSize))
        {
            await CollectAsync(source, "SELECT TRAN_NUMBER FROM AUDIT_SPLIT WHERE HEADER_NUMBER IN " + InList(chunk), splits, cancellationToken);
        }

        var ends = new HashSet<int>(splits);
        foreach (var chunk in splits.Order().Chunk(HeaderScope.ChunkSize))
        {
            var list = InList(chunk);
            await CollectAsync(source, "SELECT SPLIT_NUMBER, SPLIT_CROSSREF FROM AUDIT_USAGE WHERE SPLIT_NUMBER IN " + list, ends, cancellationToken);
            await CollectAsync(source, "SELECT SPLIT_NUMBER, SPLIT_CROSSREF FROM AUDIT_USAGE WHERE SPLIT_CROSSREF IN " + list, ends, cancellationToken);
        }

        foreach (var chunk in ends.Order().Chunk(HeaderScope.ChunkSize))
        {
            await CollectAsync(source, "SELECT HEADER_NUMBER FROM AUDIT_SPLIT WHERE TRAN_NUMBER IN " + InList(chunk), headers, cancellationToken);
        }

        return new HeaderScope(headers);
    }

    /// <summary>Adds every non-NULL number in every column of the query's rows.</summary>
    private static async Task CollectAsync(ISage50DataSource source, string sql, HashSet<int> into, CancellationToken cancellationToken)
    {
        await using var reader = await source.ExecuteReaderAsync(sql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i))
                {
                    into.Add(SageColumns.Int(reader, i));
                }
            }
        }
    }

    private static string InList(IEnumerable<int> numbers) => HeaderScope.InList(numbers.Select(n => (long)n));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
