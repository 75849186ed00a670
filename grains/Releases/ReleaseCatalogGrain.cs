using Ledgerlink.Releases;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Releases;

/// <summary>The deployment's agent releases, rollout policies and holds; see <see cref="IReleaseCatalogGrain"/>.</summary>
public sealed partial class ReleaseCatalogGrain(
    [PersistentState("releases")] IPersistentState<ReleaseCatalogState> catalog,
    TimeProvider time,
    ILogger<ReleaseCatalogGrain> logger) : Grain, IReleaseCatalogGrain
{
    private List<ReleaseInfo> Releases => catalog.State.Releases;

    public async Task<ReleaseInfo> Publish(ReleaseInfo release)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!ReleaseVersion.TryParse(release.Version, out _))
        {
            throw new ArgumentException($"'{release.Version}' is not a version.", nameof(release));
        }

        if (Find(release.Version) is not null)
        {
            throw new ArgumentException($"Version {release.Version} was published already; a version is published once (withdraw it and publish a new version).", nameof(release));
        }

        Releases.Add(release);
        await catalog.WriteStateAsync();
        Published(logger, release.Version, release.MinimumVersion, release.Files.Count, release.KeyId, release.Rollout.Kind);
        return release;
    }

    public Task<IReadOnlyList<ReleaseInfo>> List() => Task.FromResult<IReadOnlyList<ReleaseInfo>>(
        [.. Releases.OrderByDescending(r => Parse(r.Version), VersionComparer.Instance)]);

    public Task<ReleaseInfo?> Get(string version) => Task.FromResult(Find(version));

    public Task<ReleaseInfo?> ForNewInstalls() => Task.FromResult(Releases
        .Where(r => r.Withdrawn is null && r.Rollout.Kind == RolloutKind.All)
        .OrderByDescending(r => Parse(r.Version), VersionComparer.Instance)
        .FirstOrDefault());

    public async Task<ReleaseInfo?> Withdraw(string version, string reason)
    {
        if (Find(version) is not { } release)
        {
            return null;
        }

        if (release.Withdrawn is not null)
        {
            return release;
        }

        var withdrawn = release with { Withdrawn = time.GetUtcNow(), WithdrawnReason = reason };
        Replace(withdrawn);
        await catalog.WriteStateAsync();
        WithdrawnLog(logger, version, reason);
        return withdrawn;
    }

    public async Task<ReleaseInfo?> SetRollout(string version, ReleaseRollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        if (Find(version) is not { } release)
        {
            return null;
        }

        var changed = release with { Rollout = rollout };
        Replace(changed);
        await catalog.WriteStateAsync();
        RolloutChanged(logger, version, rollout.Kind, rollout.Percent, rollout.ConnectorIds.Count);
        return changed;
    }

    public async Task<ReleaseHold?> Hold(string connectorId, string? version, string heldBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectorId);
        if (version is null)
        {
            if (catalog.State.Holds.Remove(connectorId))
            {
                await catalog.WriteStateAsync();
            }

            return null;
        }

        if (Find(version) is not { Withdrawn: null })
        {
            throw new ArgumentException($"Version {version} is not a published release.", nameof(version));
        }

        var hold = new ReleaseHold(connectorId, version, heldBy, time.GetUtcNow());
        catalog.State.Holds[connectorId] = hold;
        await catalog.WriteStateAsync();
        return hold;
    }

    public Task<ReleaseHold?> GetHold(string connectorId) => Task.FromResult(catalog.State.Holds.GetValueOrDefault(connectorId));

    public Task<ReleaseInfo?> TargetFor(string connectorId, string currentVersion)
    {
        if (!ReleaseVersion.TryParse(currentVersion, out var current))
        {
            return Task.FromResult<ReleaseInfo?>(null);
        }

        if (catalog.State.Holds.TryGetValue(connectorId, out var hold))
        {
            return Task.FromResult(Find(hold.Version) is { Withdrawn: null } held ? held : null);
        }

        var runningWithdrawn = Find(currentVersion) is { Withdrawn: not null };
        var target = Releases
            .Where(r => r.Withdrawn is null && r.Rollout.Includes(connectorId, r.Version))
            .Where(r => ReleaseVersion.TryParse(r.MinimumVersion, out var minimum) && ReleaseVersion.Compare(current, minimum) >= 0)
            .OrderByDescending(r => Parse(r.Version), VersionComparer.Instance)
            .FirstOrDefault();

        // Never offer an older version, unless the one running was withdrawn.
        return Task.FromResult(target is not null && (runningWithdrawn || ReleaseVersion.Compare(Parse(target.Version), current) > 0) ? target : null);
    }

    private ReleaseInfo? Find(string version) =>
        ReleaseVersion.TryParse(version, out var wanted)
            ? Releases.Find(r => ReleaseVersion.Compare(Parse(r.Version), wanted) == 0)
            : null;

    private void Replace(ReleaseInfo release) => Releases[Releases.FindIndex(r => r.Version == release.Version)] = release;

    private static Version Parse(string version) => ReleaseVersion.TryParse(version, out var parsed) ? parsed : new Version(0, 0);

    private sealed class VersionComparer : IComparer<Version>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(Version? x, Version? y) => ReleaseVersion.Compare(x ?? new Version(0, 0), y ?? new Version(0, 0));
    }

    [LoggerMessage(1, LogLevel.Information, "Release {Version} published (from {MinimumVersion}, {Files} files, key {KeyId}, rollout {Rollout})")]
    private static partial void Published(ILogger logger, string version, string minimumVersion, int files, string keyId, RolloutKind rollout);

    [LoggerMessage(2, LogLevel.Warning, "Release {Version} withdrawn: {Reason}")]
    private static partial void WithdrawnLog(ILogger logger, string version, string reason);

    [LoggerMessage(3, LogLevel.Information, "Release {Version} rollout set to {Rollout} ({Percent}%, {Connectors} named connectors)")]
    private static partial void RolloutChanged(ILogger logger, string version, RolloutKind rollout, int percent, int connectors);
}
