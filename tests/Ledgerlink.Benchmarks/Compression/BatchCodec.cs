using System.IO.Compression;
using System.Security.Cryptography;
using Ledgerlink.EdgeAgent.Sync;
using ZstdSharp;

namespace Ledgerlink.Benchmarks.Compression;

/// <summary>
/// One way to turn an NDJSON chunk into a batch payload, and back. Every way also takes the payload's SHA-256, as the
/// agent does for each batch whatever the format, so their CPU figures compare like with like.
/// <see cref="Concatenates"/>: whether payloads joined end to end are still one valid stream, which is what lets the
/// silo stage each batch as a block and commit the block list without rewriting a byte (gzip members and zstd frames do;
/// a Brotli stream does not, so Brotli would need the silo to recompress or a store that frames each batch).
/// </summary>
public sealed record BatchCodec(string Name, bool Concatenates, Func<byte[], int, byte[]> Compress, Func<byte[], int, byte[]> Decompress)
{
    /// <summary>What agents sent until 2026-12-03: gzip at the fastest level. The other codecs are compared with it.</summary>
    public static BatchCodec GzipFastest { get; } =
        new("gzip fastest (agents before 2026-12-03)", true, (buffer, length) => Gzip(buffer, length, CompressionLevel.Fastest), Gunzip);

    public static IReadOnlyList<BatchCodec> All { get; } =
    [
        GzipFastest,
        new("gzip optimal (the agent's BatchCompressor)", true,
            (buffer, length) => BatchCompressor.Compress(0, new NdjsonChunk(buffer, length, 0)).Payload, Gunzip),
        new("gzip smallest size", true, (buffer, length) => Gzip(buffer, length, CompressionLevel.SmallestSize), Gunzip),
        new("brotli quality 1", false, (buffer, length) => Brotli(buffer, length, 1), Unbrotli),
        new("brotli quality 4", false, (buffer, length) => Brotli(buffer, length, 4), Unbrotli),
        new("zstd level 1", true, (buffer, length) => Zstd(buffer, length, 1), Unzstd),
        new("zstd level 3", true, (buffer, length) => Zstd(buffer, length, 3), Unzstd),
        new("zstd level 6", true, (buffer, length) => Zstd(buffer, length, 6), Unzstd),
    ];

    private static byte[] Hashed(byte[] payload)
    {
        _ = SHA256.HashData(payload);
        return payload;
    }

    private static byte[] Gzip(byte[] buffer, int length, CompressionLevel level)
    {
        using var output = new MemoryStream(capacity: Math.Max(1024, length / 4));
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(buffer, 0, length);
        }

        return Hashed(output.ToArray());
    }

    private static byte[] Gunzip(byte[] payload, int originalLength)
    {
        using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        var output = new byte[originalLength];
        gzip.ReadExactly(output);
        return output;
    }

    private static byte[] Brotli(byte[] buffer, int length, int quality)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(length)];
        if (!BrotliEncoder.TryCompress(buffer.AsSpan(0, length), output, out var written, quality, window: 22))
        {
            throw new InvalidOperationException("Brotli could not compress a chunk.");
        }

        return Hashed(output[..written]);
    }

    private static byte[] Unbrotli(byte[] payload, int originalLength)
    {
        var output = new byte[originalLength];
        if (!BrotliDecoder.TryDecompress(payload, output, out var written) || written != originalLength)
        {
            throw new InvalidOperationException("Brotli could not decompress a batch.");
        }

        return output;
    }

    private static byte[] Zstd(byte[] buffer, int length, int level)
    {
        using var compressor = new Compressor(level);
        return Hashed(compressor.Wrap(buffer.AsSpan(0, length)).ToArray());
    }

    private static byte[] Unzstd(byte[] payload, int originalLength)
    {
        using var decompressor = new Decompressor();
        var output = new byte[originalLength];
        var written = decompressor.Unwrap(payload, output, 0);
        return written == originalLength ? output : throw new InvalidOperationException("zstd gave back another length.");
    }
}
