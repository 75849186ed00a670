using System.IO.Compression;
using System.Text;
using Azure;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Datasets.Deltas;

/// <summary>
/// Records a full sync no longer found, kept readable as deleted for <see cref="IncrementalSyncOptions.RemovedRecordRetention"/>:
/// a full sync reads only what Sage has now, so without them every removal would vanish from reads at the next full
/// sync, and a record gone between two full syncs would never be shown deleted at all.
/// </summary>
/// <remarks>
/// Written once per full commit, as a segment beside the new base (<c>{base}.removed.ndjson.gz</c>, with its own id
/// index), before the version naming it is committed: a commit that fails leaves an unreferenced blob, never a
/// half-visible version, and a retried one writes it again. Each line is kept as readers see it (last version,
/// <c>metadata.isDeleted: true</c>, <c>modifiedDate</c> = when Ledgerlink first saw the record gone), so the next full
/// commit knows when each removal started and reads need not rewrite them.
/// </remarks>
public static class RetainedRemovals
{
    private const string Suffix = ".removed";
    private const int RecordsPerBlock = 1000;

    public static string BlobNameFor(string baseBlobName)
    {
        ArgumentNullException.ThrowIfNull(baseBlobName);
        return baseBlobName.EndsWith(DatasetBlobName.Extension, StringComparison.Ordinal)
            ? string.Concat(baseBlobName.AsSpan(0, baseBlobName.Length - DatasetBlobName.Extension.Length), Suffix, DatasetBlobName.Extension)
            : baseBlobName + Suffix;
    }

    /// <summary>A stored retained line as a merged record: removed, since the time it is stamped with.</summary>
    public static MergedRecord Read(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var (unstamped, seen) = RecordStamp.Unstamp(line)
            ?? throw new InvalidDataException("A retained removal has no modifiedDate; the segment was not written by RetainedRemovals.");
        return new MergedRecord(unstamped, seen, removed: true, stored: line);
    }

    /// <summary>
    /// Since when a record the previous version showed is removed in the new one, or null when the new version does not
    /// carry it: the new base has it (live, or back after a restore), it was removed longer than
    /// <paramref name="retention"/> ago, or it has no id to tell it by.
    /// </summary>
    public static DateTimeOffset? RemovedSince(MergedRecord previous, IReadOnlySet<string> idsNow, DateTimeOffset now, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(idsNow);
        if (previous.Id.Length == 0 || idsNow.Contains(previous.Id))
        {
            return null;
        }

        if (!previous.Removed)
        {
            return now;
        }

        return now - previous.Seen > retention ? null : previous.Seen;
    }

    /// <summary>
    /// Writes the retained removals of a full sync committed at <paramref name="now"/> on top of <paramref name="previous"/>
    /// (its base <paramref name="baseBlobName"/> committed and indexed already); null when there are none.
    /// </summary>
    public static async Task<DatasetSegment?> WriteAsync(
        IDatasetBlobStore store, CommittedDataset previous, string baseBlobName, string datasetId, DateTimeOffset now,
        TimeSpan retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(previous);
        var idsNow = await IdsOfAsync(store, baseBlobName, cancellationToken)
            ?? throw new InvalidOperationException($"The new base {baseBlobName} has no id index.");
        if (await IdsOfAsync(store, previous.BlobName, cancellationToken) is { } previousBaseIds && previousBaseIds.IsSubsetOf(idsNow))
        {
            // Nothing of the previous base is gone (the usual full sync): only its deltas and retained removals can hold
            // records to carry, so its blocks are not read, only its id index.
            previous = previous with { Blocks = [] };
        }

        var blobName = BlobNameFor(baseBlobName);
        var carried = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new List<DatasetBlock>();
        var index = new DatasetIdIndex.Builder();
        var pending = new StringBuilder();
        var pendingRecords = 0;
        var offset = 0L;
        await foreach (var record in MergedRecords.ReadAsync(store, previous, cancellationToken))
        {
            if (RemovedSince(record, idsNow, now, retention) is not { } since || !carried.Add(record.Id))
            {
                continue;
            }

            pending.Append(RecordStamp.Stamp(RecordStamp.MarkDeleted(record.Line), since)).Append('\n');
            if (++pendingRecords == RecordsPerBlock)
            {
                offset += await StageAsync(store, blobName, blocks, index, offset, pending, pendingRecords, cancellationToken);
                pendingRecords = 0;
            }
        }

        if (pendingRecords > 0)
        {
            await StageAsync(store, blobName, blocks, index, offset, pending, pendingRecords, cancellationToken);
        }

        if (carried.Count == 0)
        {
            return null;
        }

        await store.CommitBlocksAsync(blobName, blocks.Count, index, cancellationToken);
        return new DatasetSegment(datasetId, blobName, carried.Count, blocks, now);
    }

    /// <summary>The version <paramref name="dataset"/> (a full sync's) with its retained removals counted in.</summary>
    public static CommittedDataset Attach(CommittedDataset dataset, DatasetSegment? removals)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return removals is null
            ? dataset
            : dataset with
            {
                RecordCount = dataset.RecordCount + removals.RecordCount,
                BaseRecordCount = dataset.RecordCount,
                LiveRecordCount = dataset.LiveRecordCount ?? dataset.RecordCount,
                RetainedRemovals = removals,
            };
    }

    /// <summary>The ids in a base's id index; null for a base committed before datasets had one.</summary>
    private static async Task<HashSet<string>?> IdsOfAsync(IDatasetBlobStore store, string baseBlobName, CancellationToken cancellationToken)
    {
        Stream index;
        try
        {
            index = await store.OpenReadAsync(DatasetIdIndex.BlobNameFor(baseBlobName), 0, null, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        await using (index)
        {
            using var bytes = new MemoryStream();
            await index.CopyToAsync(bytes, cancellationToken);
            return DatasetIdIndex.IdsIn(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        }
    }

    /// <summary>Stages the pending lines as one gzip block, indexes them, and returns the block's compressed length.</summary>
    private static async Task<long> StageAsync(
        IDatasetBlobStore store, string blobName, List<DatasetBlock> blocks, DatasetIdIndex.Builder index, long offset,
        StringBuilder pending, int records, CancellationToken cancellationToken)
    {
        var lines = Encoding.UTF8.GetBytes(pending.ToString());
        index.AddBlock(blocks.Count, lines);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(lines, cancellationToken);
        }

        pending.Clear();
        var payload = compressed.ToArray();
        await store.StageBlockAsync(blobName, blocks.Count, payload, cancellationToken);
        blocks.Add(new DatasetBlock(offset, payload.Length, records));
        return payload.Length;
    }
}
