using System.Runtime.CompilerServices;
using System.Text;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Datasets.Deltas;

/// <summary>
/// Reads a committed version as readers see it: the base's records in their order, each replaced by its newest version
/// from the deltas, then the records the deltas added, in the order they first appeared; every line stamped with
/// <c>modifiedDate</c>, and records removed from Sage shown as their last version with <c>metadata.isDeleted</c> true.
/// Only the deltas are held in memory (a few percent of the base at most: past that the next sync is full).
/// </summary>
public static class MergedRecords
{
    /// <summary>The base blob as a plain dataset, for the store's block and id-index reads.</summary>
    public static CommittedDataset BaseOf(CommittedDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.HasDeltas
            ? dataset with { RecordCount = dataset.BaseRecordCount ?? dataset.RecordCount, Deltas = null }
            : dataset;
    }

    public static DateTimeOffset BaseSeen(CommittedDataset dataset) => dataset.BaseCommittedAt ?? dataset.CommittedAt;

    public static async IAsyncEnumerable<string> ReadLinesAsync(
        IDatasetBlobStore store, CommittedDataset dataset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataset);
        var baseSeen = BaseSeen(dataset);
        var baseSet = BaseOf(dataset);
        if (!dataset.HasDeltas)
        {
            await foreach (var line in LinesAsync(store, baseSet, cancellationToken))
            {
                yield return RecordStamp.Stamp(line, baseSeen);
            }

            yield break;
        }

        var (latest, firstSeen) = await LoadDeltasAsync(store, dataset, cancellationToken);
        await foreach (var line in LinesAsync(store, baseSet, cancellationToken))
        {
            if (latest.Remove(IdOf(line), out var change))
            {
                yield return change.Resolve(line);
            }
            else
            {
                yield return RecordStamp.Stamp(line, baseSeen);
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

    /// <summary>The record with this id as readers see it, or null: the newest delta holding it wins, then the base.</summary>
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

        var found = await store.ReadRecordAsync(BaseOf(dataset), id, cancellationToken);
        return found is null ? null : Finish(Encoding.UTF8.GetString(found), removedAt, BaseSeen(dataset));

        static string Finish(string line, DateTimeOffset? removedAt, DateTimeOffset seen) =>
            removedAt is { } at ? RecordStamp.Stamp(RecordStamp.MarkDeleted(line), at) : RecordStamp.Stamp(line, seen);
    }

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
    private static string IdOf(string line) => DatasetIdIndex.IdOf(Encoding.UTF8.GetBytes(line)) ?? "";

    /// <summary>A record's newest version in the deltas (null: only a removal was seen) and whether it is removed now.</summary>
    private sealed record Change(string? Line, bool Removed, DateTimeOffset Seen)
    {
        public string Resolve(string? previous)
        {
            var line = Line ?? previous!;
            return RecordStamp.Stamp(Removed ? RecordStamp.MarkDeleted(line) : line, Seen);
        }
    }
}
