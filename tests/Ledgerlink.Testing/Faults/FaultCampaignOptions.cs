namespace Ledgerlink.Testing.Faults;

/// <summary>
/// What a fault campaign runs: <paramref name="Runs"/> runs of each scenario on a generated Sage 50 company of
/// <paramref name="Splits"/> audit splits. <paramref name="Seed"/> makes the fault points repeatable;
/// <paramref name="BatchBytes"/> (null: the agent's default) lets a short campaign stretch a small sync over seconds.
/// </summary>
public sealed record FaultCampaignOptions(
    IReadOnlyList<FaultScenario> Scenarios,
    int Runs,
    int Splits,
    TimeSpan Outage,
    int Seed = 12,
    int? BatchBytes = null)
{
    /// <summary>How long a run may take to finish after its fault before it counts as stuck.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(4);
}
