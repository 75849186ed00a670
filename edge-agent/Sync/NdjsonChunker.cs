using System.Runtime.CompilerServices;
using Ledgerlink.EdgeAgent.Sage50.Reading;

namespace Ledgerlink.EdgeAgent.Sync;

/// <summary>
/// Groups records into NDJSON chunks of about <c>chunkBytes</c> each, after skipping the records the cluster already
/// stored. Chunks are cut on size alone, so the same records always give the same chunks.
/// </summary>
public static class NdjsonChunker
{
    public static async IAsyncEnumerable<NdjsonChunk> ChunkAsync(
        IAsyncEnumerable<Sage50Record> records, long skip, int chunkBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[chunkBytes + (chunkBytes / 4)];
        var length = 0;
        var count = 0;
        var skipped = 0L;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (skipped < skip)
            {
                skipped++;
                continue;
            }

            var json = record.Json.Span;
            if (length + json.Length + 1 > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + json.Length + 1));
            }

            json.CopyTo(buffer.AsSpan(length));
            length += json.Length;
            buffer[length++] = (byte)'\n';
            count++;
            if (length >= chunkBytes)
            {
                yield return new NdjsonChunk(buffer, length, count);
                buffer = new byte[chunkBytes + (chunkBytes / 4)];
                length = 0;
                count = 0;
            }
        }

        if (count > 0)
        {
            yield return new NdjsonChunk(buffer, length, count);
        }
    }
}
