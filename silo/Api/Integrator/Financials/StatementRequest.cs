using System.Globalization;
using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>
/// Codat's financial statement parameters: <c>periodLength</c> (months, 1–12), <c>periodsToCompare</c> (1–60) and
/// <c>startMonth</c> (an ISO 8601 date; its month starts the most recent period). Periods run back from there, most
/// recent first, as Codat lists them. Without <c>startMonth</c> the most recent period ends with the latest month the
/// journal has postings in.
/// </summary>
public sealed record StatementRequest(int PeriodLength, int PeriodsToCompare, LedgerMonth? StartMonth)
{
    public const int MaxPeriodLength = 12;
    public const int MaxPeriodsToCompare = 60;

    public static Checked<StatementRequest> Parse(HttpRequest request)
    {
        var errors = new List<CodatValidationItem>();
        var length = ParseInt(request, "periodLength", MaxPeriodLength, errors);
        var compare = ParseInt(request, "periodsToCompare", MaxPeriodsToCompare, errors);
        LedgerMonth? start = null;
        var raw = request.Query["startMonth"];
        if (raw.Count > 0)
        {
            if (raw.Count == 1 && DateTime.TryParse(raw[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                && date.Year is >= 1900 and <= 9999)
            {
                start = LedgerMonth.Of(date);
            }
            else
            {
                errors.Add(new("startMonth", $"startMonth must be an ISO 8601 date such as 2024-01-01, not '{raw}'.", "Request"));
            }
        }

        return errors.Count > 0 ? Checked<StatementRequest>.Refuse(ApiErrors.BadRequest(errors)) : new StatementRequest(length, compare, start);
    }

    /// <summary>The periods, most recent first; <paramref name="latest"/> (the last month with postings) anchors them without startMonth.</summary>
    public IReadOnlyList<StatementPeriod> Periods(LedgerMonth latest)
    {
        var first = StartMonth ?? latest.Plus(1 - PeriodLength);
        return Enumerable.Range(0, PeriodsToCompare)
            .Select(i => first.Plus(-i * PeriodLength))
            .Select(start => new StatementPeriod(start, start.Plus(PeriodLength - 1)))
            .ToList();
    }

    private static int ParseInt(HttpRequest request, string name, int max, List<CodatValidationItem> errors)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            errors.Add(new(name, $"{name} is required: a whole number from 1 to {max}.", "Request"));
            return 0;
        }

        if (values.Count > 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
        {
            errors.Add(new(name, $"{name} must be a whole number from 1 to {max}, not '{values}'.", "Request"));
            return 0;
        }

        return value;
    }
}
