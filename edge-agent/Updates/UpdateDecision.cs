using Ledgerlink.Releases;

namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>
/// Whether to install the version the cluster offers. The cluster already applies the rollout rules (newer only,
/// older only when the running release was withdrawn, support's hold), so any offer other than the running version
/// is taken, except one whose last attempt rolled back or was refused: that is not tried again until the offer changes.
/// </summary>
public static class UpdateDecision
{
    /// <summary>The version to install now, or null to stay.</summary>
    public static string? ToInstall(string? target, string running, VersionState state)
    {
        if (target is null || !ReleaseVersion.TryParse(target, out var offered))
        {
            return null;
        }

        if (ReleaseVersion.TryParse(running, out var current) && ReleaseVersion.Compare(offered, current) == 0)
        {
            return null;
        }

        return FailedBefore(target, state) is null ? target : null;
    }

    /// <summary>The last attempt at <paramref name="target"/> when it rolled back or was refused; null otherwise.</summary>
    public static UpdateAttempt? FailedBefore(string? target, VersionState state) =>
        target is not null && state.LastAttempt is { Outcome: not UpdateOutcome.Installed } attempt && SameVersion(attempt.Version, target)
            ? attempt
            : null;

    public static bool SameVersion(string a, string b) =>
        ReleaseVersion.TryParse(a, out var x) && ReleaseVersion.TryParse(b, out var y) && ReleaseVersion.Compare(x, y) == 0;
}
