using System.Globalization;

namespace Ledgerlink.Testing.Faults;

/// <summary>
/// When a run's fault strikes. Silo kills strike at a random share (10–70%) of the records stored. Storage outages
/// alternate between a random share (0–80%) and the moment a small data type is being fetched, where the stuck run of
/// issue #12 happened (falling back to 95% stored if no small data type is caught fetching).
/// </summary>
public sealed class FaultTrigger
{
    private readonly double _share;
    private readonly long _threshold;
    private readonly HashSet<string>? _smallDataTypes;

    private FaultTrigger(double share, long total, HashSet<string>? smallDataTypes)
    {
        _share = share;
        _threshold = (long)(share * total);
        _smallDataTypes = smallDataTypes;
    }

    public static FaultTrigger Pick(FaultScenario scenario, int run, Random random, ReferenceCompany company)
    {
        if (scenario.KillsASilo())
        {
            return new FaultTrigger(0.1 + (random.NextDouble() * 0.6), company.Records, null);
        }

        if (run % 2 == 0)
        {
            // A data type under 2% of the company: fetched in a blink, so the fault lands in the middle of a small pull.
            var small = company.Expected.Where(e => e.Value.Records > 0 && e.Value.Records < company.Records / 50).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            return new FaultTrigger(0.95, company.Records, small);
        }

        return new FaultTrigger(random.NextDouble() * 0.8, company.Records, null);
    }

    public bool IsDue(SyncProgress progress) =>
        _smallDataTypes is null
            ? progress.Stored >= _threshold
            : progress.Fetching.Any(_smallDataTypes.Contains) || progress.Stored >= _threshold;

    public string Describe(SyncProgress progress)
    {
        var aim = _smallDataTypes is null
            ? string.Create(CultureInfo.InvariantCulture, $"at {_share:P0} stored")
            : progress.Fetching.Any(_smallDataTypes.Contains) ? "small data type fetching" : "no small data type caught fetching; at 95% stored";
        return $"{aim}: {progress.Describe()}";
    }
}
