using Ledgerlink.Releases;
using Ledgerlink.Support;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Agents;

/// <summary>The release a connector is offered in its heartbeat answer (see <see cref="IReleaseCatalogGrain.TargetFor"/>).</summary>
internal static partial class ConnectorRelease
{
    /// <summary>Null when the connector should stay as it is, or when the catalog cannot be read now (the next heartbeat asks again).</summary>
    public static async Task<string?> TargetAsync(IGrainFactory grains, string connectorId, string? agentVersion, ILogger logger)
    {
        if (agentVersion is null)
        {
            return null;
        }

        try
        {
            return (await grains.GetGrain<IReleaseCatalogGrain>(IReleaseCatalogGrain.Key).TargetFor(connectorId, agentVersion))?.Version;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Unreadable(logger, e, connectorId);
            return null;
        }
    }

    /// <summary>
    /// The published release <paramref name="version"/> names, when it is what this connector is offered (a download)
    /// or what it runs (its own manifest); null for anything else, including a release withdrawn meanwhile.
    /// </summary>
    public static async Task<ReleaseInfo?> OfferedOrRunningAsync(IGrainFactory grains, string connectorId, string? agentVersion, string version)
    {
        if (!ReleaseVersion.TryParse(version, out var wanted))
        {
            return null;
        }

        var catalog = grains.GetGrain<IReleaseCatalogGrain>(IReleaseCatalogGrain.Key);
        if (agentVersion is not null && ReleaseVersion.TryParse(agentVersion, out var running) && ReleaseVersion.Compare(running, wanted) == 0)
        {
            return await catalog.Get(version);
        }

        var target = agentVersion is null ? null : await catalog.TargetFor(connectorId, agentVersion);
        return target is not null && ReleaseVersion.TryParse(target.Version, out var offered) && ReleaseVersion.Compare(offered, wanted) == 0 ? target : null;
    }

    /// <summary>The audit action and result an agent's update report is recorded as; support's release view reads them back.</summary>
    public static (string Action, AuditResult Result) AuditOf(UpdateOutcome outcome) => outcome switch
    {
        UpdateOutcome.Installed => (UpdateAudit.Installed, AuditResult.Succeeded),
        UpdateOutcome.RolledBack => (UpdateAudit.RolledBack, AuditResult.Failed),
        _ => (UpdateAudit.Refused, AuditResult.Refused),
    };

    [LoggerMessage(101, LogLevel.Warning, "Agent gateway {ConnectorId}: the release catalog could not be read; the heartbeat answers without a target version")]
    private static partial void Unreadable(ILogger logger, Exception exception, string connectorId);
}
