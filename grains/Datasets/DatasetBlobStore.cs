using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
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
    private long _readsIssued;

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

    public async Task CommitBlocksAsync(string blobName, long blockCount, DatasetIdIndex.Builder? index, CancellationToken cancellationToken)
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
        await WriteIdIndexAsync(blobName, index ?? await IndexStoredBlocksAsync(blobName, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
    }

    public long ReadsIssued => Interlocked.Read(ref _readsIssued);

    public async Task<byte[]?> ReadRecordAsync(CommittedDataset dataset, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(id);
        if (dataset.Blocks.Count == 0)
        {
            return null;
        }

        var indexName = DatasetIdIndex.BlobNameFor(dataset.BlobName);
        var bucket = DatasetIdIndex.BucketOf(id, DatasetIdIndex.BucketCount(dataset.RecordCount));
        byte[] range;
        try
        {
            range = await ReadBytesAsync(indexName, DatasetIdIndex.TableOffsetOf(bucket), 2 * sizeof(long), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            if (!await DatasetExistsAsync(dataset, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            // Committed before datasets had an index: find the record the slow way rather than not at all.
            return await ScanForRecordAsync(dataset, id, cancellationToken).ConfigureAwait(false);
        }

        var start = BinaryPrimitives.ReadInt64LittleEndian(range);
        var end = BinaryPrimitives.ReadInt64LittleEndian(range.AsSpan(sizeof(long)));
        if (end <= start)
        {
            return null;
        }

        var entries = await ReadBytesAsync(indexName, start, end - start, cancellationToken).ConfigureAwait(false);
        if (DatasetIdIndex.Find(entries, id) is not { } location || location.Block >= dataset.Blocks.Count)
        {
            return null;
        }

        await using var records = await OpenRecordsAsync(dataset, location.Block, 1, cancellationToken).ConfigureAwait(false);
        // Decompress only as far as the record: the rest of the block is never inflated.
        var skip = location.Offset;
        var skipBuffer = new byte[Math.Min(Math.Max(skip, 1), 81920)];
        while (skip > 0)
        {
            var read = await records.ReadAsync(skipBuffer.AsMemory(0, Math.Min(skip, skipBuffer.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            skip -= read;
        }

        var record = new byte[location.Length];
        await records.ReadExactlyAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    public async Task<Stream> OpenReadAsync(string blobName, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length == 0)
        {
            return Stream.Null;
        }

        var download = new BlobDownloadOptions { Range = new HttpRange(offset, length) };
        Interlocked.Increment(ref _readsIssued);
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
            await BlockBlob(DatasetIdIndex.BlobNameFor(blobName))
                .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)
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

    /// <summary>Reads the committed blob back block by block and indexes its records.</summary>
    private async Task<DatasetIdIndex.Builder> IndexStoredBlocksAsync(string blobName, CancellationToken cancellationToken)
    {
        var blob = BlockBlob(blobName);
        var builder = new DatasetIdIndex.Builder();
        try
        {
            var blockList = await blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!blockList.Value.CommittedBlocks.Any())
            {
                return builder;
            }

            Interlocked.Increment(ref _readsIssued);
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var content = download.Value.Content;
            var block = 0;
            foreach (var committed in blockList.Value.CommittedBlocks)
            {
                var compressed = new byte[committed.SizeLong];
                await content.ReadExactlyAsync(compressed, cancellationToken).ConfigureAwait(false);
                using var records = new MemoryStream();
                await using (var gzip = new GZipStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress))
                {
                    await gzip.CopyToAsync(records, cancellationToken).ConfigureAwait(false);
                }

                builder.AddBlock(block++, records.GetBuffer().AsSpan(0, (int)records.Length));
            }

            return builder;
        }
        catch (RequestFailedException e)
        {
            DatasetBlobStoreLog.OperationFailed(logger, e, "IndexStoredBlocks", blobName);
            throw;
        }
    }

    /// <summary>Writes a dataset's id index beside it.</summary>
    private async Task WriteIdIndexAsync(string blobName, DatasetIdIndex.Builder builder, CancellationToken cancellationToken)
    {
        var indexName = DatasetIdIndex.BlobNameFor(blobName);
        try
        {
            var index = builder.ToBytes();
            await BlockBlob(indexName).UploadAsync(new BinaryData(index).ToStream(), cancellationToken: cancellationToken).ConfigureAwait(false);
            DatasetBlobStoreLog.Indexed(logger, builder.Count, index.Length, indexName);
        }
        catch (RequestFailedException e)
        {
            DatasetBlobStoreLog.OperationFailed(logger, e, "WriteIdIndex", indexName);
            throw;
        }
    }

    private async Task<byte[]> ReadBytesAsync(string blobName, long offset, long length, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(blobName, offset, length, cancellationToken).ConfigureAwait(false);
        var bytes = new byte[length];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    private async Task<bool> DatasetExistsAsync(CommittedDataset dataset, CancellationToken cancellationToken) =>
        (await BlockBlob(dataset.BlobName).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;

    private async Task<byte[]?> ScanForRecordAsync(CommittedDataset dataset, string id, CancellationToken cancellationToken)
    {
        await using var records = await OpenRecordsAsync(dataset, 0, dataset.Blocks.Count, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(records, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            if (line.Length > 0 && DatasetIdIndex.IdOf(bytes) == id)
            {
                return bytes;
            }
        }

        return null;
    }

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
