using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Testing.Orchestration;

/// <summary>Builds batches the way an agent does: NDJSON records, one gzip member, SHA-256 of the payload.</summary>
public static class Batches
{
    public static IReadOnlyList<string> Records(string dataType, int first, int count) =>
        Enumerable.Range(first, count)
            .Select(i => $$"""{"id":"{{dataType}}-{{i}}","name":"Record {{i}}","amount":{{i * 10.5m}}}""")
            .ToArray();

    public static string Ndjson(IEnumerable<string> records) => string.Concat(records.Select(r => r + "\n"));

    public static DatasetBatch Of(long sequence, IReadOnlyList<string> records) =>
        WithPayload(sequence, records.Count, Gzip(Encoding.UTF8.GetBytes(Ndjson(records))));

    public static DatasetBatch WithPayload(long sequence, int recordCount, byte[] payload) =>
        new(sequence, recordCount, payload, SHA256.HashData(payload));

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    public static async Task<string> DecompressAsync(Stream compressed)
    {
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
