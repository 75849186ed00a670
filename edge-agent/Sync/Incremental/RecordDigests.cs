using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.EdgeAgent.Sage50.Reading;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// The id and a 64-bit content hash of every record of one committed version of a data type, as this agent sent it.
/// A delta is the records whose hash changed or that are new, and a removal for every id no longer read: derived
/// changes (an allocation changing an invoice's amount due, a deleted payment moving later running balances) are
/// found as surely as edited rows, because the records themselves are compared.
/// </summary>
public sealed class RecordDigests
{
    private const uint Magic = 0x3144_4C4C; // "LLD1": digests only, as agents before scoped reads wrote them
    private const uint MagicWithContext = 0x3244_4C4C; // "LLD2": digests, then the context they were read in
    private const uint MagicWithLedger = 0x3344_4C4C; // "LLD3": digests, context, then the bank ledger when there is one

    public RecordDigests(int capacity = 0) => ById = new Dictionary<string, ulong>(capacity, StringComparer.Ordinal);

    public Dictionary<string, ulong> ById { get; }

    /// <summary>
    /// What the records were read against besides their own rows (<see cref="SageReadContext"/>): an incremental
    /// read may skip unchanged transactions only when it knows which of these changed since. Empty when unknown.
    /// </summary>
    public Dictionary<string, string> Context { get; } = new(StringComparer.Ordinal);

    /// <summary>The bank postings the read saw, for bank transactions (<see cref="BankLedger"/>); null for other data types.</summary>
    public BankLedger? BankLedger { get; set; }

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
        writer.Write(MagicWithLedger);
        writer.Write(ById.Count);
        foreach (var (id, hash) in ById)
        {
            writer.Write(id);
            writer.Write(hash);
        }

        writer.Write(Context.Count);
        foreach (var (key, value) in Context)
        {
            writer.Write(key);
            writer.Write(value);
        }

        writer.Write(BankLedger is not null);
        BankLedger?.WriteTo(writer);
    }

    /// <summary>The digests in <paramref name="input"/>, or null when it is not a whole digest file.</summary>
    public static RecordDigests? ReadFrom(Stream input)
    {
        try
        {
            using var reader = new BinaryReader(input, Encoding.UTF8, leaveOpen: true);
            var magic = reader.ReadUInt32();
            if (magic is not Magic and not MagicWithContext and not MagicWithLedger)
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

            if (magic is MagicWithContext or MagicWithLedger)
            {
                var entries = reader.ReadInt32();
                for (var i = 0; i < entries; i++)
                {
                    var key = reader.ReadString();
                    digests.Context[key] = reader.ReadString();
                }
            }

            if (magic == MagicWithLedger && reader.ReadBoolean())
            {
                digests.BankLedger = BankLedger.ReadFrom(reader);
                if (digests.BankLedger is null)
                {
                    return null;
                }
            }

            return digests;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }
}
