using System.Buffers.Binary;
using System.Text;
using Ledgerlink.Grains.Datasets;

namespace Ledgerlink.Tests.Storage;

/// <summary>The id index's bytes, without storage: every id is found where its line is, the first of duplicates wins.</summary>
public sealed class DatasetIdIndexTests
{
    [Fact]
    public void Every_id_is_found_at_its_block_and_line_and_unknown_ids_are_not()
    {
        var blocks = Enumerable.Range(0, 3)
            .Select(b => string.Concat(Enumerable.Range(0, 50).Select(i => $$"""{"name":"n{{b}}-{{i}}","id":"r-{{b * 50 + i}}","x":[1,{"id":"nested"}]}""" + "\n")))
            .ToList();
        // A record without an id, an empty line and a duplicate id in the last block.
        blocks[2] += "{\"name\":\"no id\"}\n\n{\"id\":\"r-7\",\"dup\":true}\n";
        var builder = new DatasetIdIndex.Builder();
        for (var b = 0; b < blocks.Count; b++)
        {
            builder.AddBlock(b, Encoding.UTF8.GetBytes(blocks[b]));
        }

        var index = builder.ToBytes();
        var recordCount = blocks.Sum(b => b.Count(c => c == '\n'));
        Assert.Equal(153, recordCount);
        Assert.Equal(151, builder.Count);

        for (var n = 0; n < 150; n++)
        {
            var id = $"r-{n}";
            var location = Find(index, recordCount, id);
            Assert.NotNull(location);
            var line = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(blocks[location.Value.Block]), location.Value.Offset, location.Value.Length);
            Assert.Equal(id, DatasetIdIndex.IdOf(Encoding.UTF8.GetBytes(line)));
            Assert.DoesNotContain("dup", line, StringComparison.Ordinal);
        }

        Assert.Null(Find(index, recordCount, "r-150"));
        Assert.Null(Find(index, recordCount, "nested"));
        Assert.Null(Find(index, recordCount, "R-1"));
    }

    /// <summary>As the store reads it: bucket from the record count, the bucket's bounds from the table, then the bucket.</summary>
    private static DatasetRecordLocation? Find(byte[] index, long recordCount, string id)
    {
        var bucket = DatasetIdIndex.BucketOf(id, DatasetIdIndex.BucketCount(recordCount));
        var at = (int)DatasetIdIndex.TableOffsetOf(bucket);
        var start = (int)BinaryPrimitives.ReadInt64LittleEndian(index.AsSpan(at));
        var end = (int)BinaryPrimitives.ReadInt64LittleEndian(index.AsSpan(at + sizeof(long)));
        return DatasetIdIndex.Find(index.AsSpan(start, end - start), id);
    }
}
