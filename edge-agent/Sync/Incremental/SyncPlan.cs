using Ledgerlink.PullOperations;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// How one pull reads: the whole data type (<see cref="BaseDigests"/> null, with <see cref="FullSyncReason"/>), a delta
/// on the cluster's committed version, or nothing at all when no table the readers use has changed since it.
/// </summary>
public sealed record SyncPlan(SyncWatermark Watermark, SyncBase? Base, RecordDigests? BaseDigests, string? FullSyncReason, bool Unchanged)
{
    public bool IsDelta => BaseDigests is not null;
}
