using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Datasets;

/// <summary>Structured log events of <see cref="DatasetBlobStore"/>. Endpoints are logged without credentials.</summary>
internal static partial class DatasetBlobStoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Dataset store ready: container {ContainerName} at {Endpoint}")]
    public static partial void Ready(ILogger logger, string containerName, string endpoint);

    [LoggerMessage(2, LogLevel.Error, "Dataset store cannot start: storage is unreachable at {Endpoint}")]
    public static partial void Unreachable(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(3, LogLevel.Error, "Dataset store: {Operation} of {BlobName} failed")]
    public static partial void OperationFailed(ILogger logger, Exception exception, string operation, string blobName);

    [LoggerMessage(4, LogLevel.Debug, "Dataset store: committed {BlockCount} blocks of {BlobName}")]
    public static partial void Committed(ILogger logger, long blockCount, string blobName);

    [LoggerMessage(5, LogLevel.Debug, "Dataset store: deleted {BlobName}")]
    public static partial void Deleted(ILogger logger, string blobName);

    [LoggerMessage(6, LogLevel.Debug, "Dataset store: indexed {IdCount} record ids in {IndexBytes} bytes at {IndexName}")]
    public static partial void Indexed(ILogger logger, int idCount, int indexBytes, string indexName);
}
