namespace Ledgerlink.PullOperations;

/// <summary>
/// What the Sage 50 company looked like when a sync read it, taken before the first row was read: the highest audit
/// trail TRAN_NUMBER, the newest RECORD_MODIFY_DATE of the tables the readers use, a fingerprint of those tables' row
/// counts and newest modify dates, and a fingerprint of the Sage data version (its tables' columns). The cluster keeps
/// it with the committed dataset and hands it back with the next StartPull, so the agent trusts only what the cluster
/// actually committed: a highest transaction or a newest modify date that went backwards means the data was restored
/// from an older backup, and a changed version fingerprint means Sage was upgraded; either makes the next sync full.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.SyncWatermark")]
public sealed record SyncWatermark(
    [property: Id(0)] long MaxTranNumber,
    [property: Id(1)] DateTime? MaxModified,
    [property: Id(2)] string TablesFingerprint,
    [property: Id(3)] string SageVersion,
    [property: Id(4)] DateTimeOffset TakenAt);
