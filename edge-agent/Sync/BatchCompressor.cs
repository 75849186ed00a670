using System.IO.Compression;
using System.Security.Cryptography;
using Ledgerlink.PullOperations;

namespace Ledgerlink.EdgeAgent.Sync;

/// <summary>
/// Turns NDJSON into a batch: one gzip member (so committed batches concatenate into one gzip stream) and the SHA-256
/// of the payload. Fastest level: on a small business PC the CPU is the scarce part, and it still shrinks JSON about
/// sevenfold. The output depends on the input alone, so a resent batch is byte for byte the one sent before.
/// </summary>
public static class BatchCompressor
{
    public static DatasetBatch Compress(long sequence, NdjsonChunk chunk)
    {
        using var buffer = new MemoryStream(capacity: Math.Max(1024, chunk.Length / 4));
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(chunk.Buffer, 0, chunk.Length);
        }

        var payload = buffer.ToArray();
        return new DatasetBatch(sequence, chunk.RecordCount, payload, SHA256.HashData(payload));
    }
}
