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

    /// <summary>
    /// Commits the blocks of sequences 0 to <paramref name="blockCount"/> - 1, in that order, then writes the dataset's
    /// id index (<see cref="DatasetIdIndex"/>): <paramref name="index"/> when the caller built it while the blocks
    /// came in, otherwise built here by reading the committed blocks back. Committing again is harmless, so a retry
    /// after a failed index write redoes both.
    /// </summary>
    Task CommitBlocksAsync(string blobName, long blockCount, DatasetIdIndex.Builder? index, CancellationToken cancellationToken);

    /// <summary>
    /// The record with this id (UTF-8 JSON), or null when the dataset has none: from the id index, a 16-byte read of its
    /// table, one of a bucket and one of the block; a dataset committed before indexes existed is scanned instead.
    /// </summary>
    Task<byte[]?> ReadRecordAsync(CommittedDataset dataset, string id, CancellationToken cancellationToken);

    /// <summary>How many reads this store has issued to storage since the silo started (for benchmarks).</summary>
    long ReadsIssued { get; }

    /// <summary>The stored (compressed) bytes of a committed dataset from <paramref name="offset"/>; all of them when <paramref name="length"/> is null.</summary>
    Task<Stream> OpenReadAsync(string blobName, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>
    /// The NDJSON records of <paramref name="blockCount"/> consecutive blocks of a committed dataset, decompressed.
    /// Only those blocks' bytes are downloaded: every block is a whole gzip member.
    /// </summary>
    Task<Stream> OpenRecordsAsync(CommittedDataset dataset, int firstBlock, int blockCount, CancellationToken cancellationToken);

    /// <summary>Deletes a dataset's blob (committed or not) and its id index; a blob already gone is not an error.</summary>
    Task DeleteAsync(string blobName, CancellationToken cancellationToken);
}
