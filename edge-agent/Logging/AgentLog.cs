using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Logging;

/// <summary>The agent's log events. None carries a secret: connector secrets and Sage passwords are never parameters.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "Agent {AgentVersion} starting: data folder {DataFolder}, gateways {Gateways}, cluster {ClusterId}/{ServiceId}")]
    public static partial void Starting(ILogger logger, string agentVersion, string dataFolder, string gateways, string clusterId, string serviceId);

    [LoggerMessage(8, LogLevel.Warning, "TLS is OFF (Ledgerlink:Agent:Tls:Enabled is false): this agent's credential and company data cross the network in plaintext")]
    public static partial void TlsOff(ILogger logger);

    [LoggerMessage(9, LogLevel.Information, "Cluster client closed ({StillOpen} others still open in this process)")]
    public static partial void ClientClosed(ILogger logger, int stillOpen);

    [LoggerMessage(2, LogLevel.Information, "Connected to the cluster as connector {ConnectorId}: {CompanyCount} companies, {CommandCount} commands waiting")]
    public static partial void Connected(ILogger logger, string connectorId, int companyCount, int commandCount);

    [LoggerMessage(3, LogLevel.Warning, "Cluster unreachable or connection lost ({ErrorType}: {Error}); trying again in {Delay}")]
    public static partial void ConnectionLost(ILogger logger, string errorType, string error, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Warning, "Heartbeat {Failures} failed ({ErrorType}: {Error})")]
    public static partial void HeartbeatFailed(ILogger logger, int failures, string errorType, string error);

    [LoggerMessage(5, LogLevel.Error, "The cluster refused this agent's credential for connector {ConnectorId}: {Reason}. Trying again in {Delay}")]
    public static partial void CredentialRefused(ILogger logger, string connectorId, string reason, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Information, "Command {CommandId}: {Kind} for company {LicenceRef}, pull operation {PullOperationId} ({DataType})")]
    public static partial void CommandReceived(ILogger logger, string commandId, string kind, string licenceRef, string? pullOperationId, string? dataType);

    [LoggerMessage(7, LogLevel.Information, "Restart requested by the cluster: reconnecting")]
    public static partial void RestartRequested(ILogger logger);

    [LoggerMessage(10, LogLevel.Information, "Pull {PullOperationId} of {LicenceRef}/{DataType}: starting at batch {NextSequence} ({RecordsStored} records already stored)")]
    public static partial void PullStarted(ILogger logger, string pullOperationId, string licenceRef, string dataType, long nextSequence, long recordsStored);

    [LoggerMessage(11, LogLevel.Information, "Pull {PullOperationId} ({DataType}) complete: {RecordCount} records")]
    public static partial void PullCompleted(ILogger logger, string pullOperationId, string dataType, long recordCount);

    [LoggerMessage(12, LogLevel.Information, "Pull {PullOperationId} ({DataType}): nothing to do, the cluster has finished or cancelled it")]
    public static partial void PullNotNeeded(ILogger logger, string pullOperationId, string dataType);

    [LoggerMessage(13, LogLevel.Information, "Pull {PullOperationId} stopped: cancelled")]
    public static partial void PullStopped(ILogger logger, string pullOperationId);

    [LoggerMessage(14, LogLevel.Warning, "Pull {PullOperationId} interrupted ({ErrorType}: {Error}); it resumes from the last acknowledged batch")]
    public static partial void PullInterrupted(ILogger logger, string pullOperationId, string errorType, string error);

    [LoggerMessage(15, LogLevel.Error, "Pull {PullOperationId} failed: {Error}")]
    public static partial void PullFailed(ILogger logger, string pullOperationId, string error);

    [LoggerMessage(16, LogLevel.Error, "Pull {PullOperationId} refused by the cluster: {Reason}")]
    public static partial void PullRefused(ILogger logger, string pullOperationId, string reason);

    [LoggerMessage(17, LogLevel.Warning, "Pull {PullOperationId}: could not report the failure ({Error}); it is reported again on the next attempt")]
    public static partial void FailReportLost(ILogger logger, string pullOperationId, string error);

    [LoggerMessage(18, LogLevel.Error, "Pull {PullOperationId}: unexpected error")]
    public static partial void PullCrashed(ILogger logger, Exception exception, string pullOperationId);

    [LoggerMessage(20, LogLevel.Information, "Linked company {LicenceRef} (Sage company {SageCompanyName}, data {DataDirectory}) to connector {ConnectorId}")]
    public static partial void Linked(ILogger logger, string licenceRef, string? sageCompanyName, string dataDirectory, string connectorId);

    // Never the licence key (what the user typed may be someone else's) nor the link code.
    [LoggerMessage(21, LogLevel.Warning, "A link was refused: {Reason}")]
    public static partial void LinkRefused(ILogger logger, string reason);

    [LoggerMessage(22, LogLevel.Information, "Connector {ConnectorId} rotated its secret")]
    public static partial void SecretRotated(ILogger logger, string connectorId);

    [LoggerMessage(23, LogLevel.Information, "The cluster pushed {CommandCount} commands")]
    public static partial void CommandsPushed(ILogger logger, int commandCount);
}
