using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Storage;

/// <summary>Structured log events of <see cref="BlobGrainStorage"/>. Endpoints are logged without credentials.</summary>
internal static partial class BlobGrainStorageLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Blob grain storage {ProviderName} ready: container {ContainerName} at {Endpoint}")]
    public static partial void Ready(ILogger logger, string providerName, string containerName, string endpoint);

    [LoggerMessage(2, LogLevel.Error,
        "Blob grain storage {ProviderName} cannot start: storage is unreachable at {Endpoint}")]
    public static partial void Unreachable(ILogger logger, Exception exception, string providerName, string endpoint);

    [LoggerMessage(3, LogLevel.Debug,
        "Blob grain storage {ProviderName}: {Operation} of {BlobName} conflicted; stored ETag {StoredETag}, grain ETag {GrainETag}")]
    public static partial void Conflict(
        ILogger logger, string providerName, string operation, string blobName, string? storedETag, string? grainETag);

    [LoggerMessage(4, LogLevel.Error,
        "Blob grain storage {ProviderName}: {Operation} of {BlobName} failed")]
    public static partial void OperationFailed(
        ILogger logger, Exception exception, string providerName, string operation, string blobName);

    [LoggerMessage(5, LogLevel.Trace,
        "Blob grain storage {ProviderName}: {Operation} of {BlobName} done, ETag {ETag}")]
    public static partial void OperationDone(
        ILogger logger, string providerName, string operation, string blobName, string? etag);
}
