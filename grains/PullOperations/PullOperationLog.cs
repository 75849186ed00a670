using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.PullOperations;

internal static partial class PullOperationLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Pull operation {DatasetId} ({DataType} of company {CompanyId}): {OldStatus} -> {NewStatus}")]
    public static partial void StatusChanged(
        ILogger logger, string datasetId, string dataType, string companyId, PullOperationStatus oldStatus, PullOperationStatus newStatus);

    [LoggerMessage(2, LogLevel.Warning, "Pull operation {DatasetId}: batch {Sequence} from connector {ConnectorId} refused: {Reason}")]
    public static partial void BatchRefused(ILogger logger, string datasetId, long sequence, string connectorId, string reason);

    [LoggerMessage(3, LogLevel.Debug,
        "Pull operation {DatasetId}: batch {Sequence} stored ({RecordCount} records, {Bytes} bytes, {RecordsStored} records in all)")]
    public static partial void BatchStored(ILogger logger, string datasetId, long sequence, int recordCount, int bytes, long recordsStored);

    [LoggerMessage(4, LogLevel.Debug, "Pull operation {DatasetId}: batch {Sequence} was already stored; acknowledged again")]
    public static partial void DuplicateBatch(ILogger logger, string datasetId, long sequence);

    [LoggerMessage(5, LogLevel.Warning,
        "Pull operation {DatasetId}: completion refused, the agent counted {ExpectedRecords} records but {RecordsStored} are stored")]
    public static partial void CompletionRefused(ILogger logger, string datasetId, long expectedRecords, long recordsStored);

    [LoggerMessage(6, LogLevel.Warning,
        "Pull operation {DatasetId}: connector {ConnectorId} may not resume it, connector {OwnerConnectorId} started it")]
    public static partial void ResumeRefused(ILogger logger, string datasetId, string connectorId, string ownerConnectorId);

    [LoggerMessage(7, LogLevel.Warning, "Pull operation {DatasetId}: a call with an invalid, expired or foreign pull lease was refused")]
    public static partial void LeaseRefused(ILogger logger, string datasetId);
}
