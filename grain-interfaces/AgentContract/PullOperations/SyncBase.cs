namespace Ledgerlink.PullOperations;

/// <summary>
/// The version of a data type the cluster has committed, which an incremental sync changes: its dataset id, the
/// watermark the agent took when it read it, and how many live (not removed) records it holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.SyncBase")]
public sealed record SyncBase(
    [property: Id(0)] string DatasetId,
    [property: Id(1)] SyncWatermark Watermark,
    [property: Id(2)] long LiveRecordCount);
