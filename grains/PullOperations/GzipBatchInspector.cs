using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>
/// Checks that a batch payload is gzip-compressed NDJSON whose blocks can be concatenated: it decompresses, every
/// record ends with a newline (otherwise the last record of one batch would run into the first of the next), and
/// it holds the number of records the agent claims.
/// </summary>
/// <remarks>
/// GZipStream stops quietly at the end of its input, so a truncated member decompresses "successfully" to a prefix,
/// and bytes after a member are ignored. The member's trailer closes both gaps: its last four bytes are the
/// decompressed length, which a truncated or padded payload does not end with. The CRC in the trailer is
/// checked by the decompressor itself once the member is complete.
/// </remarks>
public static class GzipBatchInspector
{
    private const int BufferSize = 81920;

    /// <summary>Null when the payload is acceptable, otherwise why not.</summary>
    /// <param name="records">When given, receives the decompressed records (whole only when the payload is acceptable).</param>
    public static string? FindProblem(byte[] payload, int expectedRecords, long maxUncompressedBytes, IBufferWriter<byte>? records = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length == 0)
        {
            return "payload is empty; a batch holds at least one record";
        }

        if (payload.Length < 18 || payload[0] != 0x1f || payload[1] != 0x8b || payload[2] != 8)
        {
            return "payload is not a gzip member (missing gzip header)";
        }

        long lines = 0;
        long total = 0;
        byte last = (byte)'\n';
        var buffer = records is null ? new byte[BufferSize] : [];
        try
        {
            using var gzip = new GZipStream(new MemoryStream(payload, writable: false), CompressionMode.Decompress);
            while (true)
            {
                // Straight into the caller's buffer when it wants the records: no second copy.
                var target = records is null ? buffer.AsSpan() : records.GetSpan(BufferSize);
                var read = gzip.Read(target);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > maxUncompressedBytes)
                {
                    return $"payload decompresses to more than {maxUncompressedBytes} bytes";
                }

                var chunk = target[..read];
                lines += chunk.Count((byte)'\n');
                last = chunk[^1];
                records?.Advance(read);
            }
        }
        catch (InvalidDataException e)
        {
            return $"payload is not valid gzip ({e.Message})";
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(payload.Length - 4)) != unchecked((uint)total))
        {
            return "payload is not one whole gzip member (truncated, or followed by other bytes)";
        }

        if (last != (byte)'\n')
        {
            return "the last record does not end with a newline";
        }

        return lines == expectedRecords
            ? null
            : $"payload holds {lines} records but the batch says {expectedRecords}";
    }
}
