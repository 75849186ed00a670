using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Ledgerlink.Grains.Storage;

/// <summary>
/// Grain storage on Azure Blob Storage: one blob per grain state, guarded by ETags so that two activations
/// (or silos) writing the same state cannot silently overwrite each other.
/// </summary>
/// <remarks>
/// A first write (no ETag) succeeds only if no blob exists (If-None-Match: *); later writes and clears only if
/// the blob still carries the grain's ETag (If-Match). A refused condition raises
/// <see cref="InconsistentStateException"/> and leaves the stored blob untouched.
/// </remarks>
public sealed class BlobGrainStorage(
    string providerName,
    BlobGrainStorageOptions options,
    IGrainStorageSerializer serializer,
    IOptions<ClusterOptions> clusterOptions,
    IActivatorProvider activatorProvider,
    ILogger<BlobGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string NoETag = "(none)";
    private readonly string _serviceId = clusterOptions.Value.ServiceId;

    // Created on first use rather than in the constructor: a malformed connection string is then reported by
    // the options validator, by setting name, instead of as a dependency-injection failure.
    private readonly Lazy<BlobContainerClient> _container = new(() => CreateContainerClient(options));

    /// <summary>Container endpoint without query string, safe for messages and logs (never holds a key or SAS).</summary>
    public string Endpoint => _container.Value.Uri.GetLeftPart(UriPartial.Path);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var blob = BlobFor(stateName, grainId);
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var etag = download.Value.Details.ETag.ToString();
            var content = download.Value.Content;
            if (content.ToMemory().IsEmpty)
            {
                // A tombstone: the state was cleared, but its ETag must be kept so the next write is conditional on it.
                ResetState(grainState, etag);
            }
            else
            {
                grainState.State = serializer.Deserialize<T>(content) ?? NewState<T>();
                grainState.ETag = etag;
                grainState.RecordExists = true;
            }

            BlobGrainStorageLog.OperationDone(logger, providerName, "ReadState", blob.Name, grainState.ETag);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            ResetState(grainState, etag: null);
        }
        catch (RequestFailedException e)
        {
            BlobGrainStorageLog.OperationFailed(logger, e, providerName, "ReadState", blob.Name);
            throw;
        }
    }

    public async Task WriteStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var blob = BlobFor(stateName, grainId);
        var content = serializer.Serialize(grainState.State);
        var etag = await UploadAsync(blob, content, grainState.ETag, "WriteState", cancellationToken).ConfigureAwait(false);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var blob = BlobFor(stateName, grainId);
        if (!options.DeleteStateOnClear)
        {
            var tombstoneETag = await UploadAsync(blob, BinaryData.Empty, grainState.ETag, "ClearState", cancellationToken)
                .ConfigureAwait(false);
            ResetState(grainState, tombstoneETag);
            return;
        }

        try
        {
            await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, ConditionsFor(grainState.ETag), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (grainState.ETag is null && e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            // Never written and still absent: there is nothing to clear.
        }
        catch (RequestFailedException e) when (IsConditionFailure(e))
        {
            throw await ConflictAsync(blob, "ClearState", grainState.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            BlobGrainStorageLog.OperationFailed(logger, e, providerName, "ClearState", blob.Name);
            throw;
        }

        BlobGrainStorageLog.OperationDone(logger, providerName, "ClearState", blob.Name, etag: null);
        ResetState(grainState, etag: null);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<BlobGrainStorage>(providerName), options.InitStage, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(options.StartupTimeout);
        var container = _container.Value;
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: startup.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
        {
            BlobGrainStorageLog.Unreachable(logger, e, providerName, Endpoint);
            throw new InvalidOperationException(
                $"Blob grain storage '{providerName}' cannot start: storage is unreachable at {Endpoint} " +
                $"(no answer within {options.StartupTimeout.TotalSeconds:0.#} s). Check the connection string's " +
                "BlobEndpoint and that the storage service (Azurite locally) is running.",
                e);
        }
        catch (RequestFailedException e)
        {
            BlobGrainStorageLog.OperationFailed(logger, e, providerName, "CreateContainer", container.Name);
            throw new InvalidOperationException(
                $"Blob grain storage '{providerName}' cannot start: storage at {Endpoint} refused to create the " +
                $"container (HTTP {e.Status}, {e.ErrorCode}). Check the account key and the container name.",
                e);
        }

        BlobGrainStorageLog.Ready(logger, providerName, container.Name, Endpoint);
    }

    /// <summary>Uploads conditionally on <paramref name="expectedETag"/> and returns the new ETag.</summary>
    private async Task<string> UploadAsync(
        BlobClient blob, BinaryData content, string? expectedETag, string operation, CancellationToken cancellationToken)
    {
        try
        {
            var uploadOptions = new BlobUploadOptions { Conditions = ConditionsFor(expectedETag) };
            var response = await blob.UploadAsync(content, uploadOptions, cancellationToken).ConfigureAwait(false);
            var etag = response.Value.ETag.ToString();
            BlobGrainStorageLog.OperationDone(logger, providerName, operation, blob.Name, etag);
            return etag;
        }
        catch (RequestFailedException e) when (IsConditionFailure(e))
        {
            throw await ConflictAsync(blob, operation, expectedETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            BlobGrainStorageLog.OperationFailed(logger, e, providerName, operation, blob.Name);
            throw;
        }
    }

    private async Task<InconsistentStateException> ConflictAsync(
        BlobClient blob, string operation, string? grainETag, CancellationToken cancellationToken)
    {
        // The stored ETag is looked up only to make the conflict diagnosable; the write was already refused.
        string storedETag;
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            storedETag = properties.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            storedETag = NoETag;
        }
        catch (RequestFailedException)
        {
            storedETag = "(unknown)";
        }

        var currentETag = grainETag ?? NoETag;
        BlobGrainStorageLog.Conflict(logger, providerName, operation, blob.Name, storedETag, currentETag);
        return new InconsistentStateException(
            $"Blob grain storage '{providerName}': {operation} of '{blob.Name}' refused because the stored state changed " +
            $"(stored ETag {storedETag}, grain's ETag {currentETag}).",
            storedETag,
            currentETag);
    }

    private static BlobRequestConditions ConditionsFor(string? etag) =>
        etag is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(etag) };

    // 412: If-Match (or If-None-Match on delete) refused; 409 BlobAlreadyExists: If-None-Match: * on upload refused;
    // 404 BlobNotFound under If-Match: the blob the grain last saw has been removed since.
    private static bool IsConditionFailure(RequestFailedException e) =>
        e.Status == 412 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists || e.ErrorCode == BlobErrorCode.BlobNotFound;

    private static bool IsUnreachable(Exception e) =>
        e is RequestFailedException { Status: 0 } or AggregateException or HttpRequestException or OperationCanceledException;

    private BlobClient BlobFor(string stateName, GrainId grainId) =>
        _container.Value.GetBlobClient(GrainStateBlobName.For(_serviceId, stateName, grainId));

    private void ResetState<T>(IGrainState<T> grainState, string? etag)
    {
        grainState.State = NewState<T>();
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    private T NewState<T>() => activatorProvider.GetActivator<T>().Create();

    private static BlobContainerClient CreateContainerClient(BlobGrainStorageOptions options)
    {
        var clientOptions = new BlobClientOptions();
        // Few, short retries: a grain call waits on every one of them, and an unreachable endpoint must fail
        // silo start in seconds, not after the SDK's default minutes of back-off.
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = 3;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return new BlobServiceClient(options.ConnectionString, clientOptions).GetBlobContainerClient(options.ContainerName);
    }
}
