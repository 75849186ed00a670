using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// The id and a 64-bit content hash of every record of one committed version of a data type, as this agent sent it.
/// A delta is the records whose hash changed or that are new, and a removal for every id no longer read: derived
/// changes (an allocation changing an invoice's amount due, a deleted payment moving later running balances) are
/// found as surely as edited rows, because the records themselves are compared.
/// </summary>
public sealed class RecordDigests
{
    private const uint Magic = 0x3144_4C4C; // "LLD1"

    public RecordDigests(int capacity = 0) => ById = new Dictionary<string, ulong>(capacity, StringComparer.Ordinal);

    public Dictionary<string, ulong> ById { get; }

    public int Count => ById.Count;

    public static ulong HashOf(ReadOnlySpan<byte> json)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    public void WriteTo(Stream output)
    {
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(ById.Count);
        foreach (var (id, hash) in ById)
        {
            writer.Write(id);
            writer.Write(hash);
        }
    }

    /// <summary>The digests in <paramref name="input"/>, or null when it is not a whole digest file.</summary>
    public static RecordDigests? ReadFrom(Stream input)
    {
        try
        {
            using var reader = new BinaryReader(input, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadUInt32() != Magic)
            {
                return null;
            }

            var count = reader.ReadInt32();
            var digests = new RecordDigests(count);
            for (var i = 0; i < count; i++)
            {
                var id = reader.ReadString();
                digests.ById[id] = reader.ReadUInt64();
            }

            return digests;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }
}
