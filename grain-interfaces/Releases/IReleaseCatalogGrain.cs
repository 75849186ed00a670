namespace Ledgerlink.Releases;

/// <summary>
/// The agent releases of the deployment and who gets which (one grain, key <see cref="Key"/>): published releases,
/// their rollout policies, withdrawals and support's per-connector holds. Small and rarely written; read on heartbeats.
/// </summary>
[Alias("Ledgerlink.Releases.IReleaseCatalogGrain")]
public interface IReleaseCatalogGrain : IGrainWithStringKey
{
    public const string Key = "agent";

    /// <summary>Adds a release whose signature and files were checked; refused with <see cref="ArgumentException"/> if its version exists.</summary>
    [Alias("Publish")]
    Task<ReleaseInfo> Publish(ReleaseInfo release);

    /// <summary>Every release, newest version first, withdrawn ones included.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ReleaseInfo>> List();

    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<ReleaseInfo?> Get(string version);

    /// <summary>
    /// The release a new install downloads: the newest published release rolled out to all agents (a canary or
    /// percentage release is not for new installs yet); null when there is none.
    /// </summary>
    [Alias("ForNewInstalls"), Orleans.Concurrency.ReadOnly]
    Task<ReleaseInfo?> ForNewInstalls();

    /// <summary>Stops offering a release; agents on it are offered the newest release still published. Null if unknown.</summary>
    [Alias("Withdraw")]
    Task<ReleaseInfo?> Withdraw(string version, string reason);

    [Alias("SetRollout")]
    Task<ReleaseInfo?> SetRollout(string version, ReleaseRollout rollout);

    /// <summary>Holds a connector at <paramref name="version"/> (a published release), or lifts its hold when null.</summary>
    [Alias("Hold")]
    Task<ReleaseHold?> Hold(string connectorId, string? version, string heldBy);

    [Alias("GetHold"), Orleans.Concurrency.ReadOnly]
    Task<ReleaseHold?> GetHold(string connectorId);

    /// <summary>
    /// The release a connector running <paramref name="currentVersion"/> should run: its hold if it has one, else the
    /// newest published release its rollout includes whose minimum version it meets; null when it should stay as it is.
    /// </summary>
    [Alias("TargetFor"), Orleans.Concurrency.ReadOnly]
    Task<ReleaseInfo?> TargetFor(string connectorId, string currentVersion);
}
