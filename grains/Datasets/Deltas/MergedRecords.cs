using System.Runtime.CompilerServices;
using System.Text;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Datasets.Deltas;

/// <summary>
/// Reads a committed version as readers see it: the base's records in their order, each replaced by its newest version
/// from the deltas, then the retained removals (records a full sync no longer found, <see cref="RetainedRemovals"/>),
/// then the records the deltas added, in the order they first appeared; every line stamped with <c>modifiedDate</c>, and
/// records removed from Sage shown as their last version with <c>metadata.isDeleted</c> true.
/// Only the deltas are held in memory (a few percent of the base at most: past that the next sync is full).
/// </summary>
public static class MergedRecords
{
    /// <summary>The base blob as a plain dataset, for the store's block and id-index reads.</summary>
    public static CommittedDataset BaseOf(CommittedDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.HasDeltas || dataset.RetainedRemovals is not null
            ? dataset with { RecordCount = dataset.BaseRecordCount ?? dataset.RecordCount, Deltas = null, RetainedRemovals = null }
            : dataset;
    }

    /// <summary>The retained removals' blob as a plain dataset, or null when the version has none.</summary>
    public static CommittedDataset? RetainedOf(CommittedDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.RetainedRemovals is { } retained ? AsDataset(dataset, retained) : null;
    }

    public static DateTimeOffset BaseSeen(CommittedDataset dataset) => dataset.BaseCommittedAt ?? dataset.CommittedAt;

    public static async IAsyncEnumerable<string> ReadLinesAsync(
        IDatasetBlobStore store, CommittedDataset dataset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in ReadAsync(store, dataset, cancellationToken))
        {
            yield return record.ReaderLine();
        }
    }

    /// <summary>
    /// The records of a version in reader order, each as its last stored version with when Ledgerlink saw it so and
    /// whether Sage still has it; <see cref="MergedRecord.ReaderLine"/> is what a reader gets.
    /// </summary>
    public static async IAsyncEnumerable<MergedRecord> ReadAsync(
        IDatasetBlobStore store, CommittedDataset dataset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataset);
        var baseSeen = BaseSeen(dataset);
        var (latest, firstSeen) = dataset.HasDeltas
            ? await LoadDeltasAsync(store, dataset, cancellationToken)
            : (new Dictionary<string, Change>(StringComparer.Ordinal), []);
        await foreach (var line in LinesAsync(store, BaseOf(dataset), cancellationToken))
        {
            // Without deltas there is nothing to look up, and no id worth parsing.
            yield return latest.Count > 0 && latest.Remove(IdOf(line), out var change)
                ? change.Resolve(line)
                : new MergedRecord(line, baseSeen, removed: false);
        }

        if (RetainedOf(dataset) is { } retained)
        {
            await foreach (var line in LinesAsync(store, retained, cancellationToken))
            {
                var id = IdOf(line);
                if (latest.TryGetValue(id, out var change) && change.Line is not null)
                {
                    // Back in Sage (or removed again) since the full sync: the delta's version is the newer one.
                    latest.Remove(id);
                    yield return change.Resolve(null);
                }
                else
                {
                    yield return RetainedRemovals.Read(line);
                }
            }
        }

        foreach (var id in firstSeen)
        {
            // A removal of a record no version of which was ever stored has nothing to show.
            if (latest.Remove(id, out var change) && change.Line is not null)
            {
                yield return change.Resolve(null);
            }
        }
    }

    /// <summary>
    /// The record with this id as readers see it, or null: the newest delta holding it wins, then the base, then the
    /// retained removals.
    /// </summary>
    public static async Task<string?> FindAsync(IDatasetBlobStore store, CommittedDataset dataset, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataset);
        DateTimeOffset? removedAt = null;
        foreach (var delta in (dataset.Deltas ?? []).Reverse())
        {
            if (await store.ReadRecordAsync(AsDataset(dataset, delta), id, cancellationToken) is not { } bytes)
            {
                continue;
            }

            if (DeltaLines.IsRemoval(bytes))
            {
                removedAt ??= delta.CommittedAt;
                continue;
            }

            return Finish(Encoding.UTF8.GetString(bytes), removedAt, delta.CommittedAt);
        }

        if (await store.ReadRecordAsync(BaseOf(dataset), id, cancellationToken) is { } found)
        {
            return Finish(Encoding.UTF8.GetString(found), removedAt, BaseSeen(dataset));
        }

        // Kept as readers see it: already marked deleted and stamped with when it was first seen gone.
        var retained = RetainedOf(dataset) is { } removals ? await store.ReadRecordAsync(removals, id, cancellationToken) : null;
        return retained is null ? null : Encoding.UTF8.GetString(retained);

        static string Finish(string line, DateTimeOffset? removedAt, DateTimeOffset seen) =>
            removedAt is { } at ? RecordStamp.Stamp(RecordStamp.MarkDeleted(line), at) : RecordStamp.Stamp(line, seen);
    }

    /// <summary>
    /// The ids readers see as deleted in this version: removed by a delta and not back since, or retained removals of
    /// the last full sync no delta has brought back. Reads the deltas and the retained removals, never the base.
    /// </summary>
    public static async Task<HashSet<string>> DeletedIdsAsync(IDatasetBlobStore store, CommittedDataset dataset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataset);
        var (latest, _) = dataset.HasDeltas
            ? await LoadDeltasAsync(store, dataset, cancellationToken)
            : (new Dictionary<string, Change>(StringComparer.Ordinal), []);
        var deleted = latest.Where(c => c.Value.Removed).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        if (RetainedOf(dataset) is { } retained)
        {
            await foreach (var line in LinesAsync(store, retained, cancellationToken))
            {
                var id = IdOf(line);
                if (!latest.ContainsKey(id))
                {
                    deleted.Add(id);
                }
            }
        }

        return deleted;
    }

    /// <summary>The non-empty lines of one segment (a base, a delta or retained removals) as stored.</summary>
    internal static IAsyncEnumerable<string> SegmentLinesAsync(IDatasetBlobStore store, CommittedDataset segment, CancellationToken cancellationToken) =>
        LinesAsync(store, segment, cancellationToken);

    private static async Task<(Dictionary<string, Change> Latest, List<string> FirstSeen)> LoadDeltasAsync(
        IDatasetBlobStore store, CommittedDataset dataset, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, Change>(StringComparer.Ordinal);
        var firstSeen = new List<string>();
        foreach (var delta in dataset.Deltas ?? [])
        {
            await foreach (var line in LinesAsync(store, AsDataset(dataset, delta), cancellationToken))
            {
                var id = IdOf(line);
                var removal = DeltaLines.IsRemoval(Encoding.UTF8.GetBytes(line));
                if (latest.TryGetValue(id, out var known))
                {
                    latest[id] = removal ? known with { Removed = true, Seen = delta.CommittedAt } : new Change(line, false, delta.CommittedAt);
                }
                else
                {
                    latest[id] = new Change(removal ? null : line, removal, delta.CommittedAt);
                    firstSeen.Add(id);
                }
            }
        }

        return (latest, firstSeen);
    }

    private static CommittedDataset AsDataset(CommittedDataset dataset, DatasetSegment delta) =>
        new(delta.DatasetId, dataset.DataType, delta.BlobName, delta.RecordCount, delta.Blocks, delta.CommittedAt);

    private static async IAsyncEnumerable<string> LinesAsync(
        IDatasetBlobStore store, CommittedDataset segment, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (segment.Blocks.Count == 0)
        {
            yield break;
        }

        await using var records = await store.OpenRecordsAsync(segment, 0, segment.Blocks.Count, cancellationToken);
        using var reader = new StreamReader(records);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    // A record without an id (Codat's company info, the one record of its data type) is keyed by the empty id.
    internal static string IdOf(string line) => DatasetIdIndex.IdOf(Encoding.UTF8.GetBytes(line)) ?? "";

    /// <summary>A record's newest version in the deltas (null: only a removal was seen) and whether it is removed now.</summary>
    private sealed record Change(string? Line, bool Removed, DateTimeOffset Seen)
    {
        public MergedRecord Resolve(string? previous) => new(Line ?? previous!, Seen, Removed);
    }
}
