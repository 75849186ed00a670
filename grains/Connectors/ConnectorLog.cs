using Ledgerlink.Connectors;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Connectors;

internal static partial class ConnectorLog
{
    [LoggerMessage(1, LogLevel.Information, "Connector {ConnectorId} registered from {MachineName} (agent {AgentVersion})")]
    public static partial void Registered(ILogger logger, string connectorId, string machineName, string agentVersion);

    [LoggerMessage(2, LogLevel.Warning, "Connector {ConnectorId}: registration refused, the id is already registered")]
    public static partial void RegistrationRefused(ILogger logger, string connectorId);

    [LoggerMessage(3, LogLevel.Information,
        "Connector {ConnectorId} connected from {MachineName} (agent {AgentVersion}, process {ProcessId}); {PendingCount} commands pending")]
    public static partial void Connected(
        ILogger logger, string connectorId, string machineName, string agentVersion, int processId, int pendingCount);

    [LoggerMessage(4, LogLevel.Debug, "Connector {ConnectorId}: {Kind} {CommandId} queued (online: {Online})")]
    public static partial void Enqueued(ILogger logger, string connectorId, AgentCommandKind kind, string commandId, bool online);

    [LoggerMessage(5, LogLevel.Warning, "Connector {ConnectorId}: ringing the agent's doorbell failed")]
    public static partial void DoorbellFailed(ILogger logger, Exception exception, string connectorId);

    [LoggerMessage(6, LogLevel.Debug, "Connector {ConnectorId}: {Count} commands for pull operation {PullOperationId} left the outbox")]
    public static partial void PullOperationFinished(ILogger logger, string connectorId, int count, string pullOperationId);

    [LoggerMessage(7, LogLevel.Information, "Connector {ConnectorId} now serves company {CompanyId}")]
    public static partial void CompanyAdded(ILogger logger, string connectorId, string companyId);

    [LoggerMessage(8, LogLevel.Information, "Connector {ConnectorId}: restart link {Enabled}")]
    public static partial void RestartLinkChanged(ILogger logger, string connectorId, bool enabled);

    [LoggerMessage(9, LogLevel.Information, "Connector {ConnectorId}: restart requested by {RequestedBy}")]
    public static partial void RestartRequested(ILogger logger, string connectorId, string requestedBy);

    [LoggerMessage(10, LogLevel.Information, "Connector {ConnectorId}: restart requested by {RequestedBy} not sent, the agent is offline")]
    public static partial void RestartNotSent(ILogger logger, string connectorId, string requestedBy);

    [LoggerMessage(11, LogLevel.Warning, "Connector {ConnectorId}: restart refused, the link is off and support has not asked for one")]
    public static partial void RestartRefused(ILogger logger, string connectorId);

    [LoggerMessage(12, LogLevel.Information, "Connector {ConnectorId} is restarting ({Reason}); {Count} syncs interrupted")]
    public static partial void Restarting(ILogger logger, string connectorId, int count, string reason);

    [LoggerMessage(13, LogLevel.Information, "Connector {ConnectorId}: company {CompanyId} paused: {Paused}")]
    public static partial void PauseChanged(ILogger logger, string connectorId, string companyId, bool paused);

    [LoggerMessage(14, LogLevel.Information, "Connector {ConnectorId}: the agent switched to its rotated secret")]
    public static partial void SecretRotated(ILogger logger, string connectorId);

    [LoggerMessage(15, LogLevel.Warning, "Connector {ConnectorId} revoked ({Reason}); {Count} syncs interrupted")]
    public static partial void Revoked(ILogger logger, string connectorId, int count, string reason);
}
