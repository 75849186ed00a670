using Ledgerlink.Releases;

namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>
/// <c>versions/state.json</c>, shared by the supervisor and its worker: which version runs (<see cref="Current"/>, a
/// folder under <c>versions/</c>; null = the installed executable), the one before it, the one a worker unpacked and
/// handed to the supervisor to try (<see cref="Pending"/>), and the last attempt. Every change is a pure step here, so
/// the transitions are tested without processes.
/// </summary>
public sealed record VersionState(
    string? Current = null,
    DateTimeOffset? CurrentSince = null,
    string? Previous = null,
    string? Pending = null,
    UpdateAttempt? LastAttempt = null)
{
    public static VersionState Empty { get; } = new();

    /// <summary>The worker unpacked <paramref name="version"/> and is leaving so the supervisor tries it.</summary>
    public VersionState WithPending(string version) => this with { Pending = version };

    /// <summary>The pending version came online: it runs from now on, and what ran before is kept as the previous one.</summary>
    public VersionState PendingInstalled(DateTimeOffset now) => Pending is not { } version
        ? this
        : this with
        {
            Previous = Current,
            Current = version,
            CurrentSince = now,
            Pending = null,
            LastAttempt = new UpdateAttempt(version, UpdateOutcome.Installed, null, now),
        };

    /// <summary>The pending version failed: the current one runs again, and the failure waits to be reported.</summary>
    public VersionState PendingRolledBack(string reason, DateTimeOffset now) => Pending is not { } version
        ? this
        : this with { Pending = null, LastAttempt = new UpdateAttempt(version, UpdateOutcome.RolledBack, reason, now) };

    /// <summary><paramref name="version"/> failed a check before anything was installed.</summary>
    public VersionState Refused(string version, string reason, DateTimeOffset now) =>
        this with { LastAttempt = new UpdateAttempt(version, UpdateOutcome.Refused, reason, now) };

    /// <summary>The cluster has heard of the last attempt.</summary>
    public VersionState AttemptReported() => LastAttempt is null ? this : this with { LastAttempt = LastAttempt with { Reported = true } };

    /// <summary>
    /// The installer put <paramref name="installedVersion"/> in place of the supervisor: when it is at least the
    /// current version folder's, the installed executable runs again (re-running the installer is how an agent is
    /// brought forward by hand, and how the supervisor itself is updated).
    /// </summary>
    public VersionState ForInstalled(string installedVersion) =>
        Current is { } current && ReleaseVersion.TryParse(current, out var running) && ReleaseVersion.TryParse(installedVersion, out var installed)
        && ReleaseVersion.Compare(installed, running) >= 0
            ? this with { Previous = Current, Current = null, CurrentSince = null }
            : this;

    /// <summary>The version folders to keep: the current and the previous one (the last two), and the pending one.</summary>
    public IReadOnlySet<string> Kept() =>
        new[] { Current, Previous, Pending }.OfType<string>().ToHashSet(StringComparer.Ordinal);
}
