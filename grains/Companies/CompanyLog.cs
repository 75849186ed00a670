using Ledgerlink.Companies;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Companies;

internal static partial class CompanyLog
{
    [LoggerMessage(1, LogLevel.Information, "Company {CompanyId} created for tenant {TenantId}")]
    public static partial void Created(ILogger logger, string companyId, string tenantId);

    [LoggerMessage(2, LogLevel.Information, "Company {CompanyId} deleted; {RunningCount} running pull operations cancelled")]
    public static partial void Deleted(ILogger logger, string companyId, int runningCount);

    [LoggerMessage(3, LogLevel.Information, "Company {CompanyId} linked to connector {ConnectorId} (connection {ConnectionId}); {QueuedCount} queued pulls sent")]
    public static partial void Linked(ILogger logger, string companyId, string connectorId, string connectionId, int queuedCount);

    // The company id is the licence key: a refused link names it only at Debug (the code is never logged).
    [LoggerMessage(4, LogLevel.Warning, "A link from connector {ConnectorId} was refused: {Reason}")]
    public static partial void LinkRefused(ILogger logger, string connectorId, string reason);

    [LoggerMessage(12, LogLevel.Debug, "Company {CompanyId}: link from connector {ConnectorId} refused")]
    public static partial void LinkRefusedFor(ILogger logger, string companyId, string connectorId);

    [LoggerMessage(13, LogLevel.Debug, "Company {CompanyId}: new link code for connection {ConnectionId}, valid until {Expires}")]
    public static partial void LinkCodeIssued(ILogger logger, string companyId, string connectionId, DateTimeOffset expires);

    [LoggerMessage(5, LogLevel.Information, "Company {CompanyId}: {DataType} queued as pull operation {PullOperationId} (refresh {RefreshId})")]
    public static partial void Queued(ILogger logger, string companyId, string dataType, string pullOperationId, string? refreshId);

    [LoggerMessage(6, LogLevel.Warning,
        "Company {CompanyId}: sending pull operation {PullOperationId} to connector {ConnectorId} failed; it stays queued and is sent again on the next refresh request or link")]
    public static partial void SendFailed(ILogger logger, Exception exception, string companyId, string pullOperationId, string connectorId);

    [LoggerMessage(7, LogLevel.Debug, "Company {CompanyId}: pull operation {PullOperationId} is {Status}")]
    public static partial void OperationChanged(ILogger logger, string companyId, string pullOperationId, PullOperationStatus status);

    [LoggerMessage(8, LogLevel.Information, "Company {CompanyId}: {DataType} now reads dataset {DatasetId} ({RecordCount} records)")]
    public static partial void DatasetCommitted(ILogger logger, string companyId, string dataType, string datasetId, long recordCount);

    [LoggerMessage(9, LogLevel.Warning, "Company {CompanyId}: publishing {EventType} event {EventId} to tenant {TenantId} failed")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string companyId, string eventType, string eventId, string tenantId);

    [LoggerMessage(10, LogLevel.Warning, "Company {CompanyId}: cancelling pull operation {PullOperationId} failed")]
    public static partial void CancelFailed(ILogger logger, Exception exception, string companyId, string pullOperationId);

    [LoggerMessage(11, LogLevel.Debug, "Company {CompanyId}: ignored news of pull operation {PullOperationId}, which it does not know")]
    public static partial void UnknownOperation(ILogger logger, string companyId, string pullOperationId);

    // Data generations (reset, restore, retention): ids from 100 keep clear of other additions.
    [LoggerMessage(100, LogLevel.Information,
        "Company {CompanyId}: data reset from generation {FromGeneration} to new generation {ToGeneration} ({DatasetCount} datasets kept for restore, {CancelledCount} running syncs cancelled)")]
    public static partial void DataReset(ILogger logger, string companyId, long fromGeneration, long toGeneration, int datasetCount, int cancelledCount);

    [LoggerMessage(101, LogLevel.Information,
        "Company {CompanyId}: data restored from generation {FromGeneration} to generation {ToGeneration} ({DatasetCount} datasets, {CancelledCount} running syncs cancelled)")]
    public static partial void DataRestored(ILogger logger, string companyId, long fromGeneration, long toGeneration, int datasetCount, int cancelledCount);

    [LoggerMessage(102, LogLevel.Warning, "Company {CompanyId}: data change by {Actor} refused ({Refusal})")]
    public static partial void DataChangeRefused(ILogger logger, string companyId, DataChangeRefusal refusal, string actor);

    [LoggerMessage(103, LogLevel.Information,
        "Company {CompanyId}: commit of dataset {DatasetId} ignored: pull operation {PullOperationId} was cancelled by a data reset or restore")]
    public static partial void StaleCommitIgnored(ILogger logger, string companyId, string pullOperationId, string datasetId);

    [LoggerMessage(104, LogLevel.Information, "Company {CompanyId}: retired data generation {Generation} deleted ({DatasetCount} datasets)")]
    public static partial void GenerationDeleted(ILogger logger, string companyId, long generation, int datasetCount);

    [LoggerMessage(105, LogLevel.Warning, "Company {CompanyId}: deleting a retired data generation failed; retrying later")]
    public static partial void GenerationDeletionFailed(ILogger logger, Exception exception, string companyId);

    [LoggerMessage(110, LogLevel.Warning, "Company {CompanyId}: the owner verification email could not be sent; the owner stays unverified")]
    public static partial void OwnerVerificationNotSent(ILogger logger, string companyId);

    [LoggerMessage(111, LogLevel.Information, "Company {CompanyId}: {Count} queued pull operations handed to their connector again after a failed send")]
    public static partial void ResentQueued(ILogger logger, string companyId, int count);

    [LoggerMessage(112, LogLevel.Warning, "Company {CompanyId}: pull operation {PullOperationId} could not be asked for its status; its cached one is kept for now")]
    public static partial void CatchUpFailed(ILogger logger, Exception exception, string companyId, string pullOperationId);
}
