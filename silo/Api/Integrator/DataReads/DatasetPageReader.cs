using System.Text.Json;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Datasets.Deltas;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Silo.Api.Integrator.DataReads;

/// <summary>
/// Reads one page of a committed dataset. Without <c>query</c> or <c>orderBy</c> it downloads only the blocks that
/// hold the page (of the base, then of the retained removals), found from the per-block record counts recorded at commit; with either, or when the version has
/// deltas, it streams the whole (merged) dataset once, keeping no more records in memory than the pages up to the one
/// asked for. Every record carries <c>modifiedDate</c> (<see cref="RecordStamp"/>).
/// </summary>
public sealed class DatasetPageReader(IDatasetBlobStore store)
{
    public async Task<DatasetPage> ReadAsync(
        CommittedDataset dataset, DatasetPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(query);
        // A version with deltas is merged as it streams, so its pages are found by counting, like a filtered read.
        return query.Filter is null && query.OrderBy is null && !dataset.HasDeltas
            ? await ReadWindowAsync(dataset, query.Skip, query.Take, cancellationToken)
            : await ReadQueriedAsync(dataset, query, cancellationToken);
    }

    /// <summary>The page from the base's blocks, then from the retained removals' (the order a merged read has).</summary>
    private async Task<DatasetPage> ReadWindowAsync(CommittedDataset dataset, long skip, int take, CancellationToken cancellationToken)
    {
        var results = new List<JsonElement>(Math.Min(take, 1024));
        var baseSet = MergedRecords.BaseOf(dataset);
        var baseSeen = MergedRecords.BaseSeen(dataset);
        await ReadWindowAsync(baseSet, skip, take, line => RecordStamp.Stamp(line, baseSeen), results, cancellationToken);
        if (MergedRecords.RetainedOf(dataset) is { } retained && results.Count < take)
        {
            // Kept as readers see them already.
            await ReadWindowAsync(retained, Math.Max(0, skip - baseSet.RecordCount), take - results.Count, line => line, results, cancellationToken);
        }

        return new DatasetPage(results, dataset.RecordCount, OrderFieldSeen: false);
    }

    private async Task ReadWindowAsync(
        CommittedDataset segment, long skip, int take, Func<string, string> asRead, List<JsonElement> results, CancellationToken cancellationToken)
    {
        var blocks = segment.Blocks;
        var first = 0;
        var before = 0L;
        while (first < blocks.Count && before + blocks[first].RecordCount <= skip)
        {
            before += blocks[first].RecordCount;
            first++;
        }

        var end = first;
        var covered = before;
        while (end < blocks.Count && covered < skip + take)
        {
            covered += blocks[end].RecordCount;
            end++;
        }

        if (end == first)
        {
            return;
        }

        var wanted = results.Count + take;
        await using var records = await store.OpenRecordsAsync(segment, first, end - first, cancellationToken);
        using var reader = new StreamReader(records);
        var position = before;
        while (results.Count < wanted && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (position++ >= skip)
            {
                results.Add(Parse(asRead(line)));
            }
        }
    }

    private async Task<DatasetPage> ReadQueriedAsync(CommittedDataset dataset, DatasetPageQuery query, CancellationToken cancellationToken)
    {
        var keep = query.Skip + query.Take;
        var matched = 0L;
        var orderFieldSeen = false;
        var window = new List<JsonElement>();

        // Largest key on top, so the record to drop when the heap is over size is the first one out.
        var heap = new PriorityQueue<JsonElement, (RecordSortKey Key, long Sequence)>(
            Comparer<(RecordSortKey Key, long Sequence)>.Create((a, b) => Compare(b, a, query.Descending)));

        await foreach (var line in MergedRecords.ReadLinesAsync(store, dataset, cancellationToken))
        {
            using var document = JsonDocument.Parse(line);
            var record = document.RootElement;
            if (query.Filter is { } filter && !filter(record))
            {
                continue;
            }

            var sequence = matched++;
            if (query.OrderBy is { } orderBy)
            {
                var key = RecordFields.SortKey(record, orderBy);
                orderFieldSeen |= key.IsPresent;
                heap.Enqueue(record.Clone(), (key, sequence));
                if (heap.Count > keep)
                {
                    heap.Dequeue();
                }
            }
            else if (sequence >= query.Skip && sequence < keep)
            {
                window.Add(record.Clone());
            }
        }

        if (query.OrderBy is not null)
        {
            var ordered = new List<JsonElement>(heap.Count);
            while (heap.Count > 0)
            {
                ordered.Add(heap.Dequeue());
            }

            ordered.Reverse();
            window = ordered.Skip((int)Math.Min(query.Skip, int.MaxValue)).ToList();
        }

        return new DatasetPage(window, matched, orderFieldSeen);
    }

    private static int Compare((RecordSortKey Key, long Sequence) a, (RecordSortKey Key, long Sequence) b, bool descending)
    {
        var byKey = a.Key.CompareTo(b.Key);
        // Equal keys keep the dataset's order, whichever the direction.
        return byKey != 0 ? (descending ? -byKey : byKey) : a.Sequence.CompareTo(b.Sequence);
    }

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }
}

/// <summary>Which records of a dataset a page holds: after <paramref name="Skip"/> matches, the next <paramref name="Take"/>.</summary>
public sealed record DatasetPageQuery(long Skip, int Take, Func<JsonElement, bool>? Filter, string? OrderBy, bool Descending);

/// <summary>
/// A page of records and how many records matched in all (the dataset's count when nothing was filtered);
/// <paramref name="OrderFieldSeen"/> tells whether any matching record has the <c>orderBy</c> field.
/// </summary>
public sealed record DatasetPage(IReadOnlyList<JsonElement> Records, long TotalResults, bool OrderFieldSeen);
