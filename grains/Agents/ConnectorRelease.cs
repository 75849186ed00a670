using Ledgerlink.Releases;
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

    [LoggerMessage(101, LogLevel.Warning, "Agent gateway {ConnectorId}: the release catalog could not be read; the heartbeat answers without a target version")]
    private static partial void Unreadable(ILogger logger, Exception exception, string connectorId);
}
