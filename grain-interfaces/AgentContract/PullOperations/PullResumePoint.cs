namespace Ledgerlink.PullOperations;

/// <summary>
/// Where an agent (re)starts a pull operation: the next batch sequence and the records already stored. <paramref name="Base"/>
/// is the version the cluster committed last (null: none, so the sync is full); <paramref name="FullSyncReason"/>, when
/// set, is why the cluster wants the whole data type whatever the agent finds (asked for, or the base is too old).
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.PullResumePoint")]
public sealed record PullResumePoint(
    [property: Id(0)] string PullOperationId,
    [property: Id(1)] string CompanyId,
    [property: Id(2)] string DataType,
    [property: Id(3)] long NextSequence,
    [property: Id(4)] long RecordsStored,
    [property: Id(5)] bool ContinueSync,
    [property: Id(6)] PullLease Lease,
    [property: Id(7)] SyncBase? Base = null,
    [property: Id(8)] string? FullSyncReason = null);
