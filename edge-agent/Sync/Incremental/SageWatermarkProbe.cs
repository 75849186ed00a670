using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.PullOperations;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// Takes a <see cref="SyncWatermark"/> of a Sage 50 company with single-table statements the Sage driver handles well:
/// COUNT and newest RECORD_MODIFY_DATE of every table, MAX of TRAN_NUMBER on the audit trail. Against a committed
/// version the audit trail's four large tables are read once each for both jobs: the rows modified at or after that
/// version's newest modify date give the table's newest one and are kept for the change search
/// (<see cref="ModifiedAuditRows"/>), instead of a MAX over the whole table now and a second scan for the rows later.
/// </summary>
public static class SageWatermarkProbe
{
    /// <summary>Every table a reader reads; the ones a company lacks are skipped.</summary>
    private static readonly string[] Tables =
    [
        "COMPANY", "NOMINAL_LEDGER", "CATEGORY", "CHART_LIST", "SALES_LEDGER", "PURCHASE_LEDGER", "BANK", "TAX_CODE",
        "INVOICE", "INVOICE_ITEM", "AUDIT_HEADER", "AUDIT_SPLIT", "AUDIT_JOURNAL", "AUDIT_USAGE", "CURRENCY",
        "DEPARTMENT", "PROJECT",
    ];

    /// <summary>The audit-trail tables whose modified rows the change search needs, and the numbers it needs of them.</summary>
    private static readonly Dictionary<string, string[]> ModifiedNumbers = new(StringComparer.Ordinal)
    {
        ["AUDIT_HEADER"] = ["HEADER_NUMBER"],
        ["AUDIT_SPLIT"] = ["HEADER_NUMBER"],
        ["AUDIT_JOURNAL"] = ["HEADER_NUMBER"],
        ["AUDIT_USAGE"] = ["SPLIT_NUMBER", "SPLIT_CROSSREF"],
    };

    public static async Task<SyncWatermark> TakeAsync(ISage50DataSource source, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await TakeAsync(source, now, null, cancellationToken)).Watermark;

    /// <summary>
    /// The watermark, and with <paramref name="since"/> (a committed version's newest modify date) the audit-trail rows
    /// modified at or after it. The watermark is exactly what a probe without <paramref name="since"/> gives: a table
    /// with no row that new (one Sage did not write since, or data gone back to an older backup) is asked its MAX.
    /// </summary>
    public static async Task<SageProbe> TakeAsync(ISage50DataSource source, DateTimeOffset now, DateTime? since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var collector = since is { } from && await CanCollectAsync(source, cancellationToken) ? new Collector(from) : null;
        var tables = new StringBuilder();
        var schema = new StringBuilder();
        DateTime? newest = null;
        foreach (var table in Tables)
        {
            var columns = await source.GetColumnsAsync(table, cancellationToken);
            if (columns.Count == 0)
            {
                continue;
            }

            schema.Append(table).Append('(').AppendJoin(',', columns.Order(StringComparer.Ordinal)).Append(')');
            long count;
            DateTime? modified = null;
            if (collector is not null && ModifiedNumbers.TryGetValue(table, out var numbers))
            {
                modified = await CollectModifiedAsync(
                    source, table, numbers, collector.Since, table == "AUDIT_USAGE" ? collector.UsageSplits : collector.Headers, cancellationToken);
            }

            if (modified is not null)
            {
                count = await CountAsync(source, table, cancellationToken);
            }
            else
            {
                (count, modified) = await CountAndNewestAsync(source, table, columns.Contains("RECORD_MODIFY_DATE"), cancellationToken);
            }

            tables.Append(CultureInfo.InvariantCulture, $"{table}:{count}:{modified:O};");
            if (modified > newest || newest is null)
            {
                newest = modified ?? newest;
            }
        }

        var maxTran = 0L;
        if ((await source.GetColumnsAsync("AUDIT_SPLIT", cancellationToken)).Contains("TRAN_NUMBER"))
        {
            await using var reader = await source.ExecuteReaderAsync("SELECT MAX(TRAN_NUMBER) FROM AUDIT_SPLIT", cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0))
            {
                maxTran = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            }
        }

        var watermark = new SyncWatermark(maxTran, newest, Fingerprint(tables), Fingerprint(schema), now);
        return new SageProbe(watermark, collector is null ? null : new ModifiedAuditRows(collector.Since, collector.Headers, collector.UsageSplits));
    }

    private static async Task<bool> CanCollectAsync(ISage50DataSource source, CancellationToken cancellationToken)
    {
        foreach (var (table, numbers) in ModifiedNumbers)
        {
            var columns = await source.GetColumnsAsync(table, cancellationToken);
            if (!columns.Contains("RECORD_MODIFY_DATE") || !numbers.All(columns.Contains))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<(long Count, DateTime? Newest)> CountAndNewestAsync(
        ISage50DataSource source, string table, bool hasModified, CancellationToken cancellationToken)
    {
        await using var reader = await source.ExecuteReaderAsync(
            $"SELECT COUNT(*){(hasModified ? ", MAX(RECORD_MODIFY_DATE)" : "")} FROM {table}", cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), hasModified ? SageColumns.Date(reader, 1) : null)
            : (0, null);
    }

    private static async Task<long> CountAsync(ISage50DataSource source, string table, CancellationToken cancellationToken)
    {
        await using var reader = await source.ExecuteReaderAsync($"SELECT COUNT(*) FROM {table}", cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Adds the numbers of the table's rows modified at or after <paramref name="since"/>; returns the newest modify date among them.</summary>
    private static async Task<DateTime?> CollectModifiedAsync(
        ISage50DataSource source, string table, string[] numbers, DateTime since, HashSet<int> into, CancellationToken cancellationToken)
    {
        DateTime? newest = null;
        await using var reader = await source.ExecuteReaderAsync(
            $"SELECT {string.Join(", ", numbers)}, RECORD_MODIFY_DATE FROM {table} WHERE RECORD_MODIFY_DATE >= {source.TimestampLiteral(since)}",
            cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < numbers.Length; i++)
            {
                if (!reader.IsDBNull(i))
                {
                    into.Add(SageColumns.Int(reader, i));
                }
            }

            if (SageColumns.Date(reader, numbers.Length) is { } modified && (newest is null || modified > newest))
            {
                newest = modified;
            }
        }

        return newest;
    }

    private sealed class Collector(DateTime since)
    {
        public DateTime Since { get; } = since;

        public HashSet<int> Headers { get; } = [];

        public HashSet<int> UsageSplits { get; } = [];
    }

    private static string Fingerprint(StringBuilder text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
}
