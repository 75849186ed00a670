using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.EdgeAgent.Sync;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Testing.Orchestration;

/// <summary>
/// Test records and batches. A batch is built by the agent's own <see cref="BatchCompressor"/> (NDJSON records, one gzip
/// member, SHA-256 of the payload), so a test sends exactly what the agent sends.
/// </summary>
public static class Batches
{
    public static IReadOnlyList<string> Records(string dataType, int first, int count) =>
        Enumerable.Range(first, count)
            .Select(i => $$"""{"id":"{{dataType}}-{{i}}","name":"Record {{i}}","amount":{{i * 10.5m}}}""")
            .ToArray();

    public static string Ndjson(IEnumerable<string> records) => string.Concat(records.Select(r => r + "\n"));

    public static DatasetBatch Of(long sequence, IReadOnlyCollection<string> records)
    {
        var ndjson = Encoding.UTF8.GetBytes(Ndjson(records));
        return BatchCompressor.Compress(sequence, new NdjsonChunk(ndjson, ndjson.Length, records.Count));
    }

    /// <summary>A batch around a payload the test crafted itself (a bad hash, a bomb, not gzip at all).</summary>
    public static DatasetBatch WithPayload(long sequence, int recordCount, byte[] payload) =>
        new(sequence, recordCount, payload, SHA256.HashData(payload));

    /// <summary>Any bytes compressed as the agent compresses a batch.</summary>
    public static byte[] Gzip(byte[] content) => BatchCompressor.Compress(0, new NdjsonChunk(content, content.Length, 0)).Payload;

    public static async Task<string> DecompressAsync(Stream compressed)
    {
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
