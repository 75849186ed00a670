using System.Runtime.CompilerServices;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.PullOperations;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// Passes on the records a sync must send and records every record's digest for the next one: with no base, every
/// record; with a base, the records whose digest changed or that the base lacks, then a removal marker for each base
/// id not read this time (in the base's id order, so a resumed pull sends the same stream).
/// </summary>
public sealed class DeltaFilter(RecordDigests? baseDigests, int expectedCount)
{
    public RecordDigests Seen { get; } = new(Math.Max(expectedCount, baseDigests?.Count ?? 0));

    public long Added { get; private set; }

    public long Removed { get; private set; }

    public async IAsyncEnumerable<Sage50Record> ApplyAsync(
        IAsyncEnumerable<Sage50Record> records, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            var hash = RecordDigests.HashOf(record.Json.Span);
            Seen.ById[record.Id] = hash;
            if (baseDigests is null)
            {
                yield return record;
                continue;
            }

            if (!baseDigests.ById.TryGetValue(record.Id, out var before))
            {
                Added++;
                yield return record;
            }
            else if (before != hash)
            {
                yield return record;
            }
        }

        if (baseDigests is null)
        {
            yield break;
        }

        foreach (var id in baseDigests.ById.Keys.Order(StringComparer.Ordinal))
        {
            if (!Seen.ById.ContainsKey(id))
            {
                Removed++;
                yield return new Sage50Record(id, DeltaLines.Removal(id));
            }
        }
    }

    /// <summary>
    /// A delta from a scoped read (<see cref="IHeaderScopedReader"/>): only the transactions in <paramref name="scope"/>
    /// (and those a change reached) were read, so every other record is the base's. Sends the records read whose
    /// digest changed or that the base lacks, then a removal marker for each base record in the scope not read again
    /// (in the scope's order, so a resumed pull sends the same stream).
    /// </summary>
    public async IAsyncEnumerable<Sage50Record> ApplyScopedAsync(
        IAsyncEnumerable<Sage50Record> records, HeaderScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var baseById = (baseDigests ?? throw new InvalidOperationException("A scoped read needs the base's digests.")).ById;
        KeepBase();
        var read = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            var hash = RecordDigests.HashOf(record.Json.Span);
            Seen.ById[record.Id] = hash;
            read.Add(record.Id);
            if (!baseById.TryGetValue(record.Id, out var before))
            {
                Added++;
                yield return record;
            }
            else if (before != hash)
            {
                yield return record;
            }
        }

        foreach (var header in scope.Headers)
        {
            var id = CodatJsonWriter.Id(header);
            if (baseById.ContainsKey(id) && !read.Contains(id))
            {
                Removed++;
                Seen.ById.Remove(id);
                yield return new Sage50Record(id, DeltaLines.Removal(id));
            }
        }
    }

    /// <summary>Nothing changed: the base's digests (and the context and ledger they were read with) are this version's too.</summary>
    public void KeepBase()
    {
        foreach (var (id, hash) in baseDigests?.ById ?? [])
        {
            Seen.ById[id] = hash;
        }

        foreach (var (key, value) in baseDigests?.Context ?? [])
        {
            Seen.Context.TryAdd(key, value);
        }

        Seen.BankLedger ??= baseDigests?.BankLedger;
    }
}
