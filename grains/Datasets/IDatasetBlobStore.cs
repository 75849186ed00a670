using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Datasets;

/// <summary>
/// Datasets as block blobs: each batch is staged as one block, and the blob exists for readers only once its block
/// list is committed. Staging the same sequence again replaces the uncommitted block, so a retry is harmless.
/// </summary>
public interface IDatasetBlobStore
{
    /// <summary>The blob of one dataset: <c>{serviceId}/datasets/{companyId}/{dataType}/{datasetId}.ndjson.gz</c>.</summary>
    string BlobNameFor(string companyId, string dataType, string datasetId);

    Task StageBlockAsync(string blobName, long sequence, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Commits the blocks of sequences 0 to <paramref name="blockCount"/> - 1, in that order.</summary>
    Task CommitBlocksAsync(string blobName, long blockCount, CancellationToken cancellationToken);

    /// <summary>The stored (compressed) bytes of a committed dataset from <paramref name="offset"/>; all of them when <paramref name="length"/> is null.</summary>
    Task<Stream> OpenReadAsync(string blobName, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>
    /// The NDJSON records of <paramref name="blockCount"/> consecutive blocks of a committed dataset, decompressed.
    /// Only those blocks' bytes are downloaded: every block is a whole gzip member.
    /// </summary>
    Task<Stream> OpenRecordsAsync(CommittedDataset dataset, int firstBlock, int blockCount, CancellationToken cancellationToken);

    /// <summary>Deletes a dataset's blob (committed or not); a blob already gone is not an error.</summary>
    Task DeleteAsync(string blobName, CancellationToken cancellationToken);
}
