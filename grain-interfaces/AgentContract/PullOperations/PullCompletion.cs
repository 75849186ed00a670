namespace Ledgerlink.PullOperations;

/// <summary>
/// How an agent finishes a pull: the records it sent and the watermark it took before reading. With
/// <paramref name="BaseDatasetId"/> the batches are a delta on that committed dataset (changed and new records, and a
/// removal marker per record gone from Sage: see <see cref="DeltaLines"/>); without it they are the whole data type,
/// and <paramref name="FullSyncReason"/> says why the agent did not send a delta.
/// </summary>
/// <param name="Added">Records in the delta that the base does not hold.</param>
/// <param name="Removed">Removal markers in the delta.</param>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.PullCompletion")]
public sealed record PullCompletion(
    [property: Id(0)] long RecordCount,
    [property: Id(1)] SyncWatermark? Watermark,
    [property: Id(2)] string? BaseDatasetId,
    [property: Id(3)] string? FullSyncReason,
    [property: Id(4)] long Added,
    [property: Id(5)] long Removed)
{
    public bool IsDelta => BaseDatasetId is not null;
}
