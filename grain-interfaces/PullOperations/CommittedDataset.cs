namespace Ledgerlink.PullOperations;

/// <summary>
/// Where a committed dataset lives: one block blob of concatenated gzip members, one per batch. The per-block
/// record counts and compressed sizes let a reader fetch only the blocks a page needs.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.CommittedDataset")]
public sealed record CommittedDataset(
    [property: Id(0)] string DatasetId,
    [property: Id(1)] string DataType,
    [property: Id(2)] string BlobName,
    [property: Id(3)] long RecordCount,
    [property: Id(4)] IReadOnlyList<DatasetBlock> Blocks,
    [property: Id(5)] DateTimeOffset CommittedAt);

[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.DatasetBlock")]
public sealed record DatasetBlock(
    [property: Id(0)] long Offset,
    [property: Id(1)] int Length,
    [property: Id(2)] int RecordCount);
