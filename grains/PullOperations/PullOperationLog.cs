using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.PullOperations;

internal static partial class PullOperationLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Pull operation {PullOperationId} ({DataType} of company {CompanyId}): {OldStatus} -> {NewStatus}")]
    public static partial void StatusChanged(
        ILogger logger, string pullOperationId, string dataType, string companyId, PullOperationStatus oldStatus, PullOperationStatus newStatus);

    [LoggerMessage(2, LogLevel.Warning, "Pull operation {PullOperationId}: batch {Sequence} from connector {ConnectorId} refused: {Reason}")]
    public static partial void BatchRefused(ILogger logger, string pullOperationId, long sequence, string connectorId, string reason);

    [LoggerMessage(3, LogLevel.Debug,
        "Pull operation {PullOperationId}: batch {Sequence} stored ({RecordCount} records, {Bytes} bytes, {RecordsStored} records in all)")]
    public static partial void BatchStored(ILogger logger, string pullOperationId, long sequence, int recordCount, int bytes, long recordsStored);

    [LoggerMessage(4, LogLevel.Debug, "Pull operation {PullOperationId}: batch {Sequence} was already stored; acknowledged again")]
    public static partial void DuplicateBatch(ILogger logger, string pullOperationId, long sequence);

    [LoggerMessage(5, LogLevel.Warning,
        "Pull operation {PullOperationId}: completion refused, the agent counted {ExpectedRecords} records but {RecordsStored} are stored")]
    public static partial void CompletionRefused(ILogger logger, string pullOperationId, long expectedRecords, long recordsStored);

    [LoggerMessage(6, LogLevel.Warning,
        "Pull operation {PullOperationId}: connector {ConnectorId} may not resume it, connector {OwnerConnectorId} started it")]
    public static partial void ResumeRefused(ILogger logger, string pullOperationId, string connectorId, string ownerConnectorId);

    [LoggerMessage(7, LogLevel.Warning, "Pull operation {PullOperationId}: a call with an invalid, expired or foreign pull lease was refused")]
    public static partial void LeaseRefused(ILogger logger, string pullOperationId);

    [LoggerMessage(8, LogLevel.Warning,
        "Pull operation {PullOperationId}: the resume point after the last {UnwrittenBatches} batches was not written as the activation ended; the agent sends them again")]
    public static partial void ProgressNotWritten(ILogger logger, Exception exception, string pullOperationId, int unwrittenBatches);
}
