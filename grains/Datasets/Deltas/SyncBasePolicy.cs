using System.Globalization;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Datasets.Deltas;

/// <summary>
/// What the cluster offers an agent as the base of an incremental sync, and when it asks for a full sync instead. The
/// agent adds its own checks against Sage (backup restored, version changed, its record digests missing).
/// </summary>
public static class SyncBasePolicy
{
    public static (SyncBase? Base, string? FullSyncReason) Decide(
        CommittedDataset? committed, bool fullSyncAsked, IncrementalSyncOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (committed is null)
        {
            return (null, null);
        }

        if (committed.Watermark is not { } watermark)
        {
            // Committed before watermarks existed: there is nothing to measure a delta against.
            return (null, "the committed dataset has no watermark");
        }

        var syncBase = new SyncBase(committed.DatasetId, watermark, committed.LiveRecordCount ?? committed.RecordCount);
        if (fullSyncAsked)
        {
            return (syncBase, "a full sync was asked for (fullSync=true)");
        }

        if (now - watermark.TakenAt > options.MaxWatermarkAge)
        {
            return (syncBase, string.Create(CultureInfo.InvariantCulture,
                $"the watermark of {watermark.TakenAt:O} is older than the {options.MaxWatermarkAge} allowed"));
        }

        var deltas = committed.Deltas ?? [];
        var deltaRecords = deltas.Sum(d => d.RecordCount);
        var baseRecords = Math.Max(1, committed.BaseRecordCount ?? committed.RecordCount);
        if (deltas.Count >= options.MaxDeltas || deltaRecords > options.MaxDeltaShare * baseRecords)
        {
            return (syncBase, string.Create(CultureInfo.InvariantCulture,
                $"compaction: {deltas.Count} deltas with {deltaRecords} records on a base of {baseRecords}"));
        }

        return (syncBase, null);
    }

    /// <summary>
    /// The version a delta commits: the base's segments, this delta's blob on top (none when it is empty). Readers see
    /// the agent's added records less <paramref name="readded"/>, those they already saw as deleted.
    /// </summary>
    public static CommittedDataset Apply(
        CommittedDataset current, string datasetId, string blobName, IReadOnlyList<DatasetBlock> blocks, long recordsSent,
        PullCompletion completion, DateTimeOffset now, long readded = 0)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(completion);
        var deltas = (current.Deltas ?? []).ToList();
        if (recordsSent > 0)
        {
            deltas.Add(new DatasetSegment(datasetId, blobName, recordsSent, blocks, now));
        }

        return current with
        {
            DatasetId = datasetId,
            RecordCount = current.RecordCount + completion.Added - readded,
            CommittedAt = now,
            Deltas = deltas,
            BaseRecordCount = current.BaseRecordCount ?? current.RecordCount,
            BaseCommittedAt = current.BaseCommittedAt ?? current.CommittedAt,
            Watermark = completion.Watermark,
            LiveRecordCount = (current.LiveRecordCount ?? current.RecordCount) + completion.Added - completion.Removed,
        };
    }
}
