using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Ledgerlink.Grains.Datasets;

/// <summary>
/// The id index of a committed dataset, a blob beside it (<c>{dataset blob}.ids</c>) that maps each record id to its
/// block and its place in the block's decompressed bytes, so a get by id reads a few bytes of index and one block
/// whatever the dataset's size.
/// </summary>
/// <remarks>
/// Layout: a table of <c>bucketCount + 1</c> little-endian int64 offsets, then the buckets. Bucket <c>i</c> (ids whose
/// FNV-1a hash modulo the bucket count is <c>i</c>) spans table[i]..table[i+1]; each entry is an int32 id length, the
/// id's UTF-8 bytes and three int32s: block, offset and length of the record's line. The bucket count is a function of
/// the dataset's record count, which the reader knows from <see cref="PullOperations.CommittedDataset"/>, so finding a
/// bucket needs no header read: one read of 16 bytes of table, one of the bucket (about eight entries).
/// </remarks>
public static class DatasetIdIndex
{
    public const string Extension = ".ids";
    private const int EntriesPerBucket = 8;

    public static string BlobNameFor(string datasetBlobName) => datasetBlobName + Extension;

    public static long BucketCount(long recordCount) => Math.Max(1, (recordCount + EntriesPerBucket - 1) / EntriesPerBucket);

    public static long BucketOf(string id, long bucketCount)
    {
        ArgumentNullException.ThrowIfNull(id);
        return BucketOf(Encoding.UTF8.GetBytes(id), bucketCount);
    }

    private static long BucketOf(ReadOnlySpan<byte> id, long bucketCount)
    {
        // FNV-1a 64 over UTF-8: stable across processes and versions, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b in id)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return (long)(hash % (ulong)bucketCount);
    }

    /// <summary>Where the table holds the start and end of a bucket: 16 bytes from here.</summary>
    public static long TableOffsetOf(long bucket) => bucket * sizeof(long);

    /// <summary>The id of a record line (its top-level <c>id</c> string), or null when it has none.</summary>
    public static string? IdOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>Finds <paramref name="id"/> in a bucket's bytes; the first record with that id wins, as in the list.</summary>
    public static DatasetRecordLocation? Find(ReadOnlySpan<byte> bucket, string id)
    {
        var wanted = Encoding.UTF8.GetBytes(id);
        while (bucket.Length >= sizeof(int))
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bucket);
            var entryId = bucket.Slice(sizeof(int), length);
            var rest = bucket[(sizeof(int) + length)..];
            if (entryId.SequenceEqual(wanted))
            {
                return new DatasetRecordLocation(
                    BinaryPrimitives.ReadInt32LittleEndian(rest),
                    BinaryPrimitives.ReadInt32LittleEndian(rest[4..]),
                    BinaryPrimitives.ReadInt32LittleEndian(rest[8..]));
            }

            bucket = rest[(3 * sizeof(int))..];
        }

        return null;
    }

    /// <summary>Every id an index holds (records without an id have no entry).</summary>
    public static HashSet<string> IdsIn(ReadOnlySpan<byte> index)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (index.Length < sizeof(long))
        {
            return ids;
        }

        // The table's first offset is where bucket 0 starts; the buckets follow one another to the end.
        var entries = index[checked((int)BinaryPrimitives.ReadInt64LittleEndian(index))..];
        while (entries.Length >= sizeof(int))
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(entries);
            ids.Add(Encoding.UTF8.GetString(entries.Slice(sizeof(int), length)));
            entries = entries[(sizeof(int) + length + (3 * sizeof(int)))..];
        }

        return ids;
    }

    /// <summary>
    /// Collects the entries of one dataset, block by block, then writes the index bytes. Records are counted as the
    /// batches count them (one per newline), which is the committed dataset's record count the reader sizes buckets by.
    /// </summary>
    public sealed class Builder
    {
        private readonly List<(byte[] Id, DatasetRecordLocation Location)> _entries = [];
        private long _recordCount;

        /// <summary>How many ids were indexed so far.</summary>
        public int Count => _entries.Count;

        public void AddBlock(int block, ReadOnlySpan<byte> records)
        {
            var offset = 0;
            while (offset < records.Length)
            {
                var end = records[offset..].IndexOf((byte)'\n');
                var length = end < 0 ? records.Length - offset : end;
                _recordCount += end < 0 ? 0 : 1;
                if (length > 0 && IdOf(records.Slice(offset, length)) is { } id)
                {
                    _entries.Add((Encoding.UTF8.GetBytes(id), new DatasetRecordLocation(block, offset, length)));
                }

                offset += length + 1;
            }
        }

        public byte[] ToBytes()
        {
            var bucketCount = BucketCount(_recordCount);
            // Stable sort: entries with the same bucket keep the dataset's order, so the first record of an id is found first.
            var ordered = _entries
                .Select((e, i) => (Bucket: BucketOf(e.Id, bucketCount), e.Id, e.Location, Sequence: i))
                .OrderBy(x => x.Bucket).ThenBy(x => x.Sequence).ToList();
            var tableBytes = (bucketCount + 1) * sizeof(long);
            using var output = new MemoryStream();
            output.SetLength(tableBytes);
            output.Position = tableBytes;
            var table = new long[bucketCount + 1];
            var next = 0;
            Span<byte> number = stackalloc byte[sizeof(int)];
            for (var bucket = 0L; bucket < bucketCount; bucket++)
            {
                table[bucket] = output.Position;
                while (next < ordered.Count && ordered[next].Bucket == bucket)
                {
                    var (_, id, location, _) = ordered[next++];
                    Write(output, number, id.Length);
                    output.Write(id);
                    Write(output, number, location.Block);
                    Write(output, number, location.Offset);
                    Write(output, number, location.Length);
                }
            }

            table[bucketCount] = output.Position;
            var bytes = output.ToArray();
            for (var i = 0; i < table.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), table[i]);
            }

            return bytes;
        }

        private static void Write(Stream output, Span<byte> buffer, int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
            output.Write(buffer);
        }
    }
}

/// <summary>A record's place in a dataset: its block, and the offset and length of its line in the decompressed block.</summary>
public readonly record struct DatasetRecordLocation(int Block, int Offset, int Length);
