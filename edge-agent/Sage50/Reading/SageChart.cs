using System.Globalization;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// Sage's chart of accounts layout: CHART_LIST names the layouts, CAT_TITLE the headings of one layout (Sales,
/// Purchases, Overheads, Fixed Assets, ...) and CATEGORY the nominal code ranges under each heading. It is what
/// tells an account's Codat type, since Sage stores no type on NOMINAL_LEDGER itself.
/// </summary>
public sealed class SageChart
{
    private static readonly SageSelect CompanyChart = new("COMPANY", ["NAME"], ["DEFAULT_CHART"]);
    private static readonly SageSelect Charts = new("CHART_LIST", ["CHART"], OrderBy: "CHART");
    private static readonly SageSelect Titles = new("CAT_TITLE", ["CHART", "CATEGORY", "TITLE"]);
    private static readonly SageSelect Ranges = new("CATEGORY", ["CHART", "CATEGORY", "NAME", "LOW", "HIGH"], ["SORT_ORDER"]);

    private readonly List<Range> _ranges;

    private SageChart(List<Range> ranges) => _ranges = ranges;

    /// <summary>Loads the company's default layout (COMPANY.DEFAULT_CHART, else the first in CHART_LIST).</summary>
    public static async Task<SageChart> LoadAsync(ISage50DataSource source, CancellationToken cancellationToken)
    {
        int? chart = null;
        await using (var rows = await CompanyChart.OpenAsync(source, cancellationToken))
        {
            if (await rows.ReadAsync(cancellationToken) && rows.Int(rows.Ordinal("DEFAULT_CHART")) is > 0 and var number)
            {
                chart = number;
            }
        }

        if (chart is null)
        {
            await using var rows = await Charts.OpenAsync(source, cancellationToken);
            chart = await rows.ReadAsync(cancellationToken) ? rows.Int(0) : 1;
        }

        var titles = new Dictionary<int, string>();
        await using (var rows = await Titles.OpenAsync(source, cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                if (rows.Int(0) == chart && rows.Text(2) is { } title)
                {
                    titles[rows.Int(1)] = title;
                }
            }
        }

        var ranges = new List<Range>();
        await using (var rows = await Ranges.OpenAsync(source, cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                if (rows.Int(0) == chart && rows.Text(3) is { } low && rows.Text(4) is { } high)
                {
                    var title = titles.GetValueOrDefault(rows.Int(1));
                    ranges.Add(new Range(low, high, title, rows.Text(2), rows.Int(rows.Ordinal("SORT_ORDER"))));
                }
            }
        }

        // Narrow ranges first, so a range carved out of a wider one wins.
        ranges.Sort((a, b) => a.Width.CompareTo(b.Width) is not 0 and var byWidth ? byWidth : a.SortOrder.CompareTo(b.SortOrder));
        return new SageChart(ranges);
    }

    /// <summary>The account's Codat type and its category path, e.g. ("Asset", "Asset.Current Assets.Bank Account").</summary>
    public (string Type, string FullyQualifiedCategory) Classify(string nominalCode)
    {
        foreach (var range in _ranges)
        {
            if (range.Contains(nominalCode))
            {
                var type = range.Title is null ? TypeByCode(nominalCode) : TypeByTitle(range.Title) ?? TypeByCode(nominalCode);
                return (type, string.Join('.', new[] { type, range.Title, range.Name }.Where(p => p is not null)));
            }
        }

        var fallback = TypeByCode(nominalCode);
        return (fallback, fallback);
    }

    private static string? TypeByTitle(string title)
    {
        var t = title.ToUpperInvariant();
        return t.Contains("ASSET", StringComparison.Ordinal) ? "Asset"
            : t.Contains("LIABILIT", StringComparison.Ordinal) ? "Liability"
            : t.Contains("CAPITAL", StringComparison.Ordinal) || t.Contains("RESERVE", StringComparison.Ordinal)
                || t.Contains("EQUITY", StringComparison.Ordinal) || t.Contains("FINANCED", StringComparison.Ordinal) ? "Equity"
            : t.Contains("SALES", StringComparison.Ordinal) || t.Contains("INCOME", StringComparison.Ordinal)
                || t.Contains("REVENUE", StringComparison.Ordinal) ? "Income"
            : t.Contains("PURCHASE", StringComparison.Ordinal) || t.Contains("EXPENSE", StringComparison.Ordinal)
                || t.Contains("OVERHEAD", StringComparison.Ordinal) || t.Contains("DEPRECIATION", StringComparison.Ordinal)
                || t.Contains("COST", StringComparison.Ordinal) ? "Expense"
            : null;
    }

    /// <summary>Sage UK's standard nominal ranges, for accounts outside every category of the layout.</summary>
    private static string TypeByCode(string nominalCode) =>
        int.TryParse(nominalCode, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code switch
            {
                < 2000 => "Asset",
                < 3000 => "Liability",
                < 4000 => "Equity",
                < 5000 => "Income",
                < 9000 => "Expense",
                _ => "Unknown",
            }
            : "Unknown";

    private sealed record Range(string Low, string High, string? Title, string? Name, int SortOrder)
    {
        public long Width => Numeric(High) is { } h && Numeric(Low) is { } l ? h - l : long.MaxValue;

        public bool Contains(string code) =>
            Numeric(code) is { } c && Numeric(Low) is { } l && Numeric(High) is { } h
                ? c >= l && c <= h
                : string.CompareOrdinal(code, Low) >= 0 && string.CompareOrdinal(code, High) <= 0;

        private static long? Numeric(string text) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
