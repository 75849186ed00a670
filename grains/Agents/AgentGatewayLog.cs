using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Agents;

internal static partial class AgentGatewayLog
{
    // The credential itself is never logged: only which connector id was claimed and what was refused.
    [LoggerMessage(1, LogLevel.Warning, "Agent gateway {ConnectorId}: {Operation} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string connectorId, string operation, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Agent gateway {ConnectorId}: cancelling pull operation {PullOperationId} for a restart failed")]
    public static partial void RestartCancelFailed(ILogger logger, Exception exception, string connectorId, string pullOperationId);
}
