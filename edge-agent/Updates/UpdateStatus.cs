namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>What the updater is doing now, for the About page: this process's own view (state.json has the history).</summary>
public sealed class UpdateStatus
{
    private volatile Snapshot _current = new(UpdatePhase.UpToDate);

    public Snapshot Current => _current;

    public void Set(Snapshot snapshot) => _current = snapshot;

    /// <param name="Phase">Where the update is.</param>
    /// <param name="Version">The version being installed, or the one that failed.</param>
    /// <param name="Percent">Downloaded so far.</param>
    /// <param name="Syncs">Running syncs the update waits for.</param>
    /// <param name="Reason">Why updates are off, or why the version failed.</param>
    public sealed record Snapshot(UpdatePhase Phase, string? Version = null, int Percent = 0, int Syncs = 0, string? Reason = null);
}
