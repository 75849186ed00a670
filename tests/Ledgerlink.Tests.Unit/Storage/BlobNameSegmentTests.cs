using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Storage;

namespace Ledgerlink.Tests.Storage;

/// <summary>Dataset blob names are built from ids we do not control; every id gives one valid, distinct segment.</summary>
public sealed class BlobNameSegmentTests
{
    [Fact]
    public void Ids_that_differ_only_in_escapable_characters_get_distinct_segments()
    {
        var ids = new[] { "a/b", "a~2Fb", "a b", "a_b", "a-b", "A/B", "a/b/", "a//b", "" };

        var segments = ids.Select(BlobNameSegment.Escape).ToList();

        Assert.Equal(ids.Length, segments.Distinct(StringComparer.Ordinal).Count());
        Assert.All(segments, segment => Assert.DoesNotContain('/', segment));
        Assert.All(segments, segment => Assert.NotEmpty(segment));
    }

    [Fact]
    public void A_dataset_blob_name_escapes_every_id_into_its_own_segment()
    {
        var name = DatasetBlobName.For("my service", "acme/ltd", "invoices", "ds 1");

        Assert.Equal("my~20service/datasets/acme~2Fltd/invoices/ds~201.ndjson.gz", name);
    }
}
