using System.Data;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// Allocations (AUDIT_USAGE) with the splits at both ends, matched in memory from single-table reads instead of a
/// three-table join: Sage's ODBC driver reads its files row by row and is slow and unreliable on joins (see
/// <c>Sage50/README.md</c>, "The SQL the readers send"). AUDIT_USAGE is read once (live rows), then AUDIT_SPLIT once,
/// keeping only the splits a usage names; the rows come out ordered by the split's HEADER_NUMBER, TRAN_NUMBER and
/// then USAGE_NUMBER, the order the join gave, for <see cref="HeaderCursor"/> to merge beside the headers.
/// </summary>
/// <remarks>Memory: the live usages and the splits they name (tens of bytes each), not the whole split table.</remarks>
public static class AuditAllocations
{
    private static readonly SageSelect Usages = new(
        "AUDIT_USAGE", ["USAGE_NUMBER", "SPLIT_NUMBER", "SPLIT_CROSSREF", "FOREIGN_AMOUNT", "DATE", "DELETED_FLAG"],
        Where: "DELETED_FLAG = 0", OrderBy: "USAGE_NUMBER");

    private static readonly SageSelect PayingHeaders = new(
        "AUDIT_HEADER", ["HEADER_NUMBER", "INV_REF", "DETAILS", "BANK_CODE", "FOREIGN_GROSS_AMOUNT", "CURRENCY", "FOREIGN_RATE"],
        OrderBy: "HEADER_NUMBER");

    private static readonly SageSelect Splits = new(
        "AUDIT_SPLIT", ["TRAN_NUMBER", "HEADER_NUMBER", "TYPE", "DATE", "DELETED_FLAG"], OrderBy: "TRAN_NUMBER");

    /// <summary>
    /// One row per live usage whose split (SPLIT_NUMBER) has one of <paramref name="splitTypes"/> and whose other
    /// split (SPLIT_CROSSREF) is live: the split's HEADER_NUMBER, the other split's HEADER_NUMBER, the other split's
    /// DATE or TYPE (<paramref name="otherColumn"/>), the usage's FOREIGN_AMOUNT and DATE, named <paramref name="resultColumns"/>.
    /// </summary>
    /// <param name="liveSplitsOnly">Leave out usages of a deleted split (payments); documents keep them (a void invoice's allocations).</param>
    /// <param name="withPayingHeader">
    /// Add the other split's header (the paying transaction, from one more single-table read of AUDIT_HEADER): its
    /// INV_REF, DETAILS, BANK_CODE, FOREIGN_GROSS_AMOUNT, CURRENCY and FOREIGN_RATE, as result columns 5 to 10.
    /// </param>
    public static async Task<SageRows> OpenAsync(
        ISage50DataSource source, IReadOnlyCollection<string> splitTypes, bool liveSplitsOnly, string otherColumn,
        IReadOnlyList<string> resultColumns, CancellationToken cancellationToken, bool withPayingHeader = false, int[]? headers = null)
    {
        var usages = new List<Usage>();
        var named = new HashSet<int>();
        // A chunk of headers: only the usages of their splits (AUDIT_USAGE's SPLIT_NUMBER), found by key, not by a whole read.
        var paidSplits = headers is null ? null : await SplitsOfAsync(source, splitTypes, headers, cancellationToken);
        await foreach (var rows in Usages.OpenEachAsync(source, "SPLIT_NUMBER", paidSplits, cancellationToken))
        {
            int number = rows.Ordinal("USAGE_NUMBER"), split = rows.Ordinal("SPLIT_NUMBER"), crossref = rows.Ordinal("SPLIT_CROSSREF"),
                amount = rows.Ordinal("FOREIGN_AMOUNT"), date = rows.Ordinal("DATE");
            while (await rows.ReadAsync(cancellationToken))
            {
                var usage = new Usage(rows.Int(number), rows.Int(split), rows.Int(crossref), (double)rows.Money(amount), rows.Date(date));
                usages.Add(usage);
                named.Add(usage.Split);
                named.Add(usage.Crossref);
            }
        }

        var splits = new Dictionary<int, SplitEnd>(named.Count);
        await foreach (var rows in Splits.OpenEachAsync(source, "TRAN_NUMBER", headers is null ? null : named, cancellationToken))
        {
            int tran = rows.Ordinal("TRAN_NUMBER"), header = rows.Ordinal("HEADER_NUMBER"), type = rows.Ordinal("TYPE"),
                date = rows.Ordinal("DATE"), deleted = rows.Ordinal("DELETED_FLAG");
            while (await rows.ReadAsync(cancellationToken))
            {
                var number = rows.Int(tran);
                if (named.Contains(number))
                {
                    splits[number] = new SplitEnd(rows.Int(header), rows.Text(type), rows.Date(date), rows.Flag(deleted));
                }
            }
        }

        var types = splitTypes.ToHashSet(StringComparer.Ordinal);
        var matched = new List<(SplitEnd Split, Usage Usage, SplitEnd Other)>();
        foreach (var usage in usages)
        {
            if (splits.TryGetValue(usage.Split, out var split) && splits.TryGetValue(usage.Crossref, out var other)
                && split.Type is { } splitType && types.Contains(splitType) && !(liveSplitsOnly && split.Deleted) && !other.Deleted)
            {
                matched.Add((split, usage, other));
            }
        }

        var paying = withPayingHeader
            ? await PayingHeadersAsync(source, matched.Select(m => m.Other.Header).ToHashSet(), headers is not null, cancellationToken)
            : [];
        matched.Sort((a, b) => (a.Split.Header, a.Usage.Split, a.Usage.Number).CompareTo((b.Split.Header, b.Usage.Split, b.Usage.Number)));
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        table.Columns.Add(resultColumns[0], typeof(int));
        table.Columns.Add(resultColumns[1], typeof(int));
        table.Columns.Add(resultColumns[2], otherColumn == "DATE" ? typeof(DateTime) : typeof(string));
        table.Columns.Add(resultColumns[3], typeof(double));
        table.Columns.Add(resultColumns[4], typeof(DateTime));
        if (withPayingHeader)
        {
            table.Columns.Add(resultColumns[5], typeof(string));
            table.Columns.Add(resultColumns[6], typeof(string));
            table.Columns.Add(resultColumns[7], typeof(string));
            table.Columns.Add(resultColumns[8], typeof(double));
            table.Columns.Add(resultColumns[9], typeof(long));
            table.Columns.Add(resultColumns[10], typeof(double));
        }

        foreach (var (split, usage, other) in matched)
        {
            object otherValue = otherColumn == "DATE" ? (object?)other.Date ?? DBNull.Value : (object?)other.Type ?? DBNull.Value;
            object[] row = [split.Header, other.Header, otherValue, usage.Amount, (object?)usage.Date ?? DBNull.Value];
            if (withPayingHeader)
            {
                var header = paying.GetValueOrDefault(other.Header) ?? PayingHeader.Unknown;
                row = [.. row, (object?)header.Reference ?? DBNull.Value, (object?)header.Note ?? DBNull.Value, (object?)header.Bank ?? DBNull.Value,
                    header.Gross, (long)header.Currency, header.Rate];
            }

            table.Rows.Add(row);
        }

        return new SageRows(table.CreateDataReader(), resultColumns);
    }

    private static async Task<Dictionary<int, PayingHeader>> PayingHeadersAsync(
        ISage50DataSource source, HashSet<int> wanted, bool scoped, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<int, PayingHeader>(wanted.Count);
        await foreach (var rows in PayingHeaders.OpenEachAsync(source, "HEADER_NUMBER", scoped ? wanted : null, cancellationToken))
        {
            await ReadPayingHeadersAsync(rows, wanted, headers, cancellationToken);
        }

        return headers;
    }

    private static async Task ReadPayingHeadersAsync(
        SageRows rows, HashSet<int> wanted, Dictionary<int, PayingHeader> headers, CancellationToken cancellationToken)
    {
        int number = rows.Ordinal("HEADER_NUMBER"), reference = rows.Ordinal("INV_REF"), details = rows.Ordinal("DETAILS"),
            bank = rows.Ordinal("BANK_CODE"), gross = rows.Ordinal("FOREIGN_GROSS_AMOUNT"), currency = rows.Ordinal("CURRENCY"),
            rate = rows.Ordinal("FOREIGN_RATE");
        while (await rows.ReadAsync(cancellationToken))
        {
            var header = rows.Int(number);
            if (wanted.Contains(header))
            {
                headers[header] = new PayingHeader(rows.Text(reference), rows.Text(details), rows.Text(bank),
                    (double)rows.Money(gross), rows.Int(currency), (double)rows.Rate(rate));
            }
        }
    }

    /// <summary>The split numbers of some headers' splits of the given types (AUDIT_SPLIT by its TYPE, HEADER_NUMBER key).</summary>
    private static async Task<List<int>> SplitsOfAsync(
        ISage50DataSource source, IReadOnlyCollection<string> splitTypes, int[] headers, CancellationToken cancellationToken)
    {
        var select = new SageSelect("AUDIT_SPLIT", ["TRAN_NUMBER", "HEADER_NUMBER", "TYPE"], Where: "TYPE IN " + HeaderScope.InList(splitTypes));
        var splits = new List<int>();
        await foreach (var rows in select.OpenEachAsync(source, "HEADER_NUMBER", headers, cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                splits.Add(rows.Int(0));
            }
        }

        return splits;
    }

    /// <summary>The paying transaction's header, as Codat's <c>paymentAllocations[].payment</c> describes it.</summary>
    private sealed record PayingHeader(string? Reference, string? Note, string? Bank, double Gross, int Currency, double Rate)
    {
        public static readonly PayingHeader Unknown = new(null, null, null, 0d, 0, 1d);
    }

    private sealed record Usage(int Number, int Split, int Crossref, double Amount, DateTime? Date);

    private sealed record SplitEnd(int Header, string? Type, DateTime? Date, bool Deleted);
}
