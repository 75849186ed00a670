namespace Ledgerlink.Releases;

/// <summary>
/// What became of one update attempt, reported by the agent once it is online again (the rolled-back or refused version
/// never reaches the cluster itself): support sees it in the connector's audit log and release view.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Releases.UpdateReport")]
public sealed record UpdateReport(
    [property: Id(0)] string Version,
    [property: Id(1)] UpdateOutcome Outcome,
    [property: Id(2)] string? Reason,
    [property: Id(3)] DateTimeOffset At);
