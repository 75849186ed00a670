using System.IO.Compression;
using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Ledgerlink.Grains.Datasets;

/// <summary><see cref="IDatasetBlobStore"/> on Azure Blob Storage; creates its container when the silo starts.</summary>
public sealed class DatasetBlobStore(
    IOptions<LedgerlinkGrainOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    ILogger<DatasetBlobStore> logger) : IDatasetBlobStore, ILifecycleParticipant<ISiloLifecycle>
{
    private const string ContentType = "application/gzip";
    private readonly DatasetStoreOptions _options = options.Value.Datasets;
    private readonly string _serviceId = clusterOptions.Value.ServiceId;

    // Created on first use so that a malformed connection string is reported by the options validator, by name.
    private readonly Lazy<BlobContainerClient> _container = new(() => CreateContainerClient(options.Value.Datasets));

    /// <summary>Container endpoint without query string, safe for messages and logs.</summary>
    public string Endpoint => _container.Value.Uri.GetLeftPart(UriPartial.Path);

    public string BlobNameFor(string companyId, string dataType, string datasetId) =>
        DatasetBlobName.For(_serviceId, companyId, dataType, datasetId);

    public async Task StageBlockAsync(
        string blobName, long sequence, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var blob = BlockBlob(blobName);
        var stageOptions = new BlockBlobStageBlockOptions
        {
            // Storage checks the bytes it received against this hash, so a block corrupted in transit is refused.
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
        };
        try
        {
            using var content = new BinaryData(payload).ToStream();
            await blob.StageBlockAsync(DatasetBlockId.For(sequence), content, stageOptions, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            DatasetBlobStoreLog.OperationFailed(logger, e, "StageBlock", blobName);
            throw;
        }
    }

    public async Task CommitBlocksAsync(string blobName, long blockCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockCount);
        var blob = BlockBlob(blobName);
        var blockIds = new List<string>(checked((int)blockCount));
        for (var sequence = 0L; sequence < blockCount; sequence++)
        {
            blockIds.Add(DatasetBlockId.For(sequence));
        }

        var commitOptions = new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentType } };
        try
        {
            await blob.CommitBlockListAsync(blockIds, commitOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            DatasetBlobStoreLog.OperationFailed(logger, e, "CommitBlocks", blobName);
            throw;
        }

        DatasetBlobStoreLog.Committed(logger, blockCount, blobName);
    }

    public async Task<Stream> OpenReadAsync(string blobName, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length == 0)
        {
            return Stream.Null;
        }

        var download = new BlobDownloadOptions { Range = new HttpRange(offset, length) };
        try
        {
            var response = await BlockBlob(blobName).DownloadStreamingAsync(download, cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException e)
        {
            DatasetBlobStoreLog.OperationFailed(logger, e, "Read", blobName);
            throw;
        }
    }

    public async Task<Stream> OpenRecordsAsync(
        CommittedDataset dataset, int firstBlock, int blockCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (firstBlock < 0 || blockCount < 0 || firstBlock + blockCount > dataset.Blocks.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(blockCount), $"Blocks {firstBlock}..{firstBlock + blockCount - 1} are outside the dataset's {dataset.Blocks.Count}.");
        }

        if (blockCount == 0)
        {
            return Stream.Null;
        }

        var first = dataset.Blocks[firstBlock];
        var last = dataset.Blocks[firstBlock + blockCount - 1];
        var compressed = await OpenReadAsync(dataset.BlobName, first.Offset, last.Offset + last.Length - first.Offset, cancellationToken)
            .ConfigureAwait(false);

        // GZipStream reads concatenated members as one stream, which is what a run of blocks is.
        return new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: false);
    }

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await BlockBlob(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            DatasetBlobStoreLog.OperationFailed(logger, e, "Delete", blobName);
            throw;
        }

        DatasetBlobStoreLog.Deleted(logger, blobName);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatasetBlobStore), _options.InitStage, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(_options.StartupTimeout);
        var container = _container.Value;
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: startup.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
        {
            DatasetBlobStoreLog.Unreachable(logger, e, Endpoint);
            throw new InvalidOperationException(
                $"Dataset store cannot start: storage is unreachable at {Endpoint} (no answer within " +
                $"{_options.StartupTimeout.TotalSeconds:0.#} s). Check Datasets.ConnectionString's BlobEndpoint and that " +
                "the storage service (Azurite locally) is running.",
                e);
        }
        catch (RequestFailedException e)
        {
            DatasetBlobStoreLog.OperationFailed(logger, e, "CreateContainer", container.Name);
            throw new InvalidOperationException(
                $"Dataset store cannot start: storage at {Endpoint} refused to create the container " +
                $"(HTTP {e.Status}, {e.ErrorCode}). Check the account key and Datasets.ContainerName.",
                e);
        }

        DatasetBlobStoreLog.Ready(logger, container.Name, Endpoint);
    }

    private BlockBlobClient BlockBlob(string blobName) => _container.Value.GetBlockBlobClient(blobName);

    private static bool IsUnreachable(Exception e) =>
        e is RequestFailedException { Status: 0 } or AggregateException or HttpRequestException or OperationCanceledException;

    private static BlobContainerClient CreateContainerClient(DatasetStoreOptions options)
    {
        var clientOptions = new BlobClientOptions();
        // Few, short retries: an agent's batch call waits on them, and the agent retries the batch itself.
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = 3;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return new BlobServiceClient(options.ConnectionString, clientOptions).GetBlobContainerClient(options.ContainerName);
    }
}
