using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.PullOperations;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// Takes a <see cref="SyncWatermark"/> of a Sage 50 company with one aggregate SELECT per table (COUNT and MAX of
/// RECORD_MODIFY_DATE, MAX of TRAN_NUMBER on the audit trail): single-table statements the Sage driver handles well.
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

    public static async Task<SyncWatermark> TakeAsync(ISage50DataSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
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
            var hasModified = columns.Contains("RECORD_MODIFY_DATE");
            await using var reader = await source.ExecuteReaderAsync(
                $"SELECT COUNT(*){(hasModified ? ", MAX(RECORD_MODIFY_DATE)" : "")} FROM {table}", cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                continue;
            }

            var count = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            var modified = hasModified ? SageColumns.Date(reader, 1) : null;
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

        return new SyncWatermark(maxTran, newest, Fingerprint(tables), Fingerprint(schema), now);
    }

    private static string Fingerprint(StringBuilder text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
}
