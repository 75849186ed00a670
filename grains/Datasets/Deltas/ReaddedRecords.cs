using System.Text;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Datasets.Deltas;

/// <summary>
/// The records a delta brings back that readers already see, as deleted: removed by an earlier delta, or retained
/// removals of the last full sync. The agent counts them as added (they are new to what it last read from Sage), but a
/// version's record count is what readers see, and they see one record per id.
/// </summary>
public static class ReaddedRecords
{
    /// <summary>How many live records of <paramref name="delta"/> readers of <paramref name="current"/> see as deleted.</summary>
    public static async Task<long> CountAsync(IDatasetBlobStore store, CommittedDataset current, CommittedDataset delta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(delta);

        // Nothing is shown deleted without a delta or retained removals: the common first delta on a full sync reads nothing.
        if (!current.HasDeltas && current.RetainedRemovals is null)
        {
            return 0;
        }

        var deleted = await MergedRecords.DeletedIdsAsync(store, current, cancellationToken);
        if (deleted.Count == 0)
        {
            return 0;
        }

        var readded = 0L;
        await foreach (var line in MergedRecords.SegmentLinesAsync(store, delta, cancellationToken))
        {
            if (!DeltaLines.IsRemoval(Encoding.UTF8.GetBytes(line)) && deleted.Contains(MergedRecords.IdOf(line)))
            {
                readded++;
            }
        }

        return readded;
    }
}
