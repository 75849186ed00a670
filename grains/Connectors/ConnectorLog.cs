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

    [LoggerMessage(6, LogLevel.Debug, "Connector {ConnectorId}: {Count} commands for dataset {DatasetId} left the outbox")]
    public static partial void DatasetFinished(ILogger logger, string connectorId, int count, string datasetId);

    [LoggerMessage(7, LogLevel.Information, "Connector {ConnectorId} now serves company {CompanyId}")]
    public static partial void CompanyAdded(ILogger logger, string connectorId, string companyId);
}
