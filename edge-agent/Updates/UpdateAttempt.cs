using Ledgerlink.Releases;

namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>
/// The last update attempt: which version, how it ended, why, when, and whether the cluster has heard of it yet (the
/// worker that is online next reports it once).
/// </summary>
public sealed record UpdateAttempt(string Version, UpdateOutcome Outcome, string? Reason, DateTimeOffset At, bool Reported = false)
{
    public UpdateReport ToReport() => new(Version, Outcome, Reason, At);
}
