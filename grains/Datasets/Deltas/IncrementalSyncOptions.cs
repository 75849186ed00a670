namespace Ledgerlink.Grains.Datasets.Deltas;

/// <summary>
/// When the cluster stops trusting a committed version as the base of a delta, and how long removed records stay
/// readable (<c>Ledgerlink:Grains:IncrementalSync</c>).
/// </summary>
public sealed class IncrementalSyncOptions
{
    /// <summary>A base whose watermark is older than this gets a full sync: a long gap is when unnoticed drift piles up.</summary>
    public TimeSpan MaxWatermarkAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Deltas a version may stack on its base before the next sync is full again, which writes a new base: reads merge
    /// every delta, so their number is what a read pays for.
    /// </summary>
    public int MaxDeltas { get; set; } = 20;

    /// <summary>Records in all deltas, as a share of the base's, past which the next sync is full again (compaction).</summary>
    public double MaxDeltaShare { get; set; } = 0.25;

    /// <summary>
    /// How long a record gone from Sage stays readable as deleted across full syncs, counted from when Ledgerlink first
    /// saw it gone; integrators that poll less often than this would never see the deletion.
    /// </summary>
    public TimeSpan RemovedRecordRetention { get; set; } = TimeSpan.FromDays(30);
}
