using System.Buffers.Binary;

namespace Ledgerlink.Grains.Datasets;

/// <summary>
/// Block ids derived from the batch sequence. Azure requires every block id of a blob to have the same length,
/// so the sequence is encoded as 8 big-endian bytes (always 12 base64 characters).
/// </summary>
public static class DatasetBlockId
{
    public static string For(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, sequence);
        return Convert.ToBase64String(bytes);
    }
}
