namespace Ledgerlink.PullOperations;

/// <summary>
/// Where a committed dataset lives: one block blob of concatenated gzip members, one per batch. The per-block
/// record counts and compressed sizes let a reader fetch only the blocks a page needs.
/// </summary>
/// <remarks>
/// A version committed by an incremental sync keeps its base's blob (<see cref="BlobName"/>, <see cref="Blocks"/>, the
/// base's own record count in <see cref="BaseRecordCount"/> and commit time in <see cref="BaseCommittedAt"/>) and lists
/// the delta blobs applied on top, oldest first, in <see cref="Deltas"/>; readers merge them (Grains.Datasets.Deltas).
/// A version committed by a full sync on top of an earlier one may carry <see cref="RetainedRemovals"/>: the records the
/// earlier version showed that Sage no longer has, kept readable as deleted for a retention period; it too has its own
/// count in <see cref="BaseRecordCount"/>. <see cref="RecordCount"/> is always the records a reader sees, removed ones
/// included; <see cref="LiveRecordCount"/> those Sage still has.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.CommittedDataset")]
public sealed record CommittedDataset(
    [property: Id(0)] string DatasetId,
    [property: Id(1)] string DataType,
    [property: Id(2)] string BlobName,
    [property: Id(3)] long RecordCount,
    [property: Id(4)] IReadOnlyList<DatasetBlock> Blocks,
    [property: Id(5)] DateTimeOffset CommittedAt,
    [property: Id(6)] IReadOnlyList<DatasetSegment>? Deltas = null,
    [property: Id(7)] long? BaseRecordCount = null,
    [property: Id(8)] DateTimeOffset? BaseCommittedAt = null,
    [property: Id(9)] SyncWatermark? Watermark = null,
    [property: Id(10)] long? LiveRecordCount = null,
    [property: Id(11)] DatasetSegment? RetainedRemovals = null)
{
    public bool HasDeltas => Deltas is { Count: > 0 };
}

/// <summary>One delta applied to a base: a committed blob of changed records and removal markers.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.DatasetSegment")]
public sealed record DatasetSegment(
    [property: Id(0)] string DatasetId,
    [property: Id(1)] string BlobName,
    [property: Id(2)] long RecordCount,
    [property: Id(3)] IReadOnlyList<DatasetBlock> Blocks,
    [property: Id(4)] DateTimeOffset CommittedAt);

[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.DatasetBlock")]
public sealed record DatasetBlock(
    [property: Id(0)] long Offset,
    [property: Id(1)] int Length,
    [property: Id(2)] int RecordCount);
