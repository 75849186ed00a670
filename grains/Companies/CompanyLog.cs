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

    [LoggerMessage(4, LogLevel.Warning, "Company {CompanyId}: link from connector {ConnectorId} refused: {Reason}")]
    public static partial void LinkRefused(ILogger logger, string companyId, string connectorId, string reason);

    [LoggerMessage(5, LogLevel.Information, "Company {CompanyId}: {DataType} queued as pull operation {DatasetId} (refresh {RefreshId})")]
    public static partial void Queued(ILogger logger, string companyId, string dataType, string datasetId, string? refreshId);

    [LoggerMessage(6, LogLevel.Warning,
        "Company {CompanyId}: sending pull operation {DatasetId} to connector {ConnectorId} failed; it stays queued and is sent again on the next refresh request or link")]
    public static partial void SendFailed(ILogger logger, Exception exception, string companyId, string datasetId, string connectorId);

    [LoggerMessage(7, LogLevel.Debug, "Company {CompanyId}: pull operation {DatasetId} is {Status}")]
    public static partial void OperationChanged(ILogger logger, string companyId, string datasetId, PullOperationStatus status);

    [LoggerMessage(8, LogLevel.Information, "Company {CompanyId}: {DataType} now reads dataset {DatasetId} ({RecordCount} records)")]
    public static partial void DatasetCommitted(ILogger logger, string companyId, string dataType, string datasetId, long recordCount);

    [LoggerMessage(9, LogLevel.Warning, "Company {CompanyId}: publishing {EventType} event {EventId} to tenant {TenantId} failed")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string companyId, string eventType, string eventId, string tenantId);

    [LoggerMessage(10, LogLevel.Warning, "Company {CompanyId}: cancelling pull operation {DatasetId} failed")]
    public static partial void CancelFailed(ILogger logger, Exception exception, string companyId, string datasetId);

    [LoggerMessage(11, LogLevel.Debug, "Company {CompanyId}: ignored news of pull operation {DatasetId}, which it does not know")]
    public static partial void UnknownOperation(ILogger logger, string companyId, string datasetId);
}
