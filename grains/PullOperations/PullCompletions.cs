using Ledgerlink.Agents;
using Ledgerlink.Grains.Datasets.Deltas;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>The rules of a pull operation's completion: what it commits and how its status describes it.</summary>
public static class PullCompletions
{
    /// <summary>
    /// Why a delta cannot be committed, or null when it may: a delta is only right on top of the exact version it was
    /// computed against; anything else would commit a wrong base silently.
    /// </summary>
    public static string? DeltaRefusal(PullOperationState state, PullCompletion completion, CommittedDataset? current) =>
        state.Base?.DatasetId != completion.BaseDatasetId || current?.DatasetId != completion.BaseDatasetId
            ? $"The delta was computed on dataset {completion.BaseDatasetId}, but the committed dataset is now " +
              $"{current?.DatasetId ?? "none"}; queue the data type again."
            : null;

    /// <summary>
    /// The dataset the operation commits: its own blocks for a full sync (<paramref name="completion"/> null for a plain
    /// completion), or a new version of <paramref name="current"/> for a delta.
    /// </summary>
    public static CommittedDataset Dataset(
        PullOperationState state, string datasetId, PullCompletion? completion, CommittedDataset? current, DateTimeOffset now, long readded = 0)
    {
        var blocks = state.CommittedBlocks();
        if (completion is null)
        {
            return Staged(state, datasetId, now);
        }

        return current is not null
            ? SyncBasePolicy.Apply(current, datasetId, state.BlobName, blocks, state.RecordsStored, completion, now, readded)
            : new CommittedDataset(datasetId, state.DataType, state.BlobName, state.RecordsStored, blocks, now,
                Watermark: completion.Watermark, LiveRecordCount: state.RecordsStored);
    }

    /// <summary>This operation's own staged blob as a dataset, once its blocks are committed.</summary>
    public static CommittedDataset Staged(PullOperationState state, string datasetId, DateTimeOffset now) =>
        new(datasetId, state.DataType, state.BlobName, state.RecordsStored, state.CommittedBlocks(), now);

    /// <summary>The Complete status's description: what kind of sync it was, and why full when it was.</summary>
    public static string? Description(PullOperationState state, PullCompletion? completion) => completion switch
    {
        null => null,
        { IsDelta: true } => $"Incremental sync on dataset {completion.BaseDatasetId}: {state.RecordsStored - completion.Removed} records " +
                             $"changed ({completion.Added} new), {completion.Removed} removed.",
        _ => $"Full sync: {completion.FullSyncReason ?? state.ClusterFullSyncReason ?? "no committed version to build on"}.",
    };
}
