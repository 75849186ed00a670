using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Datasets.Deltas;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ledgerlink.Tests.Incremental;

/// <summary>
/// What a full sync carries into its version as retained removals, without storage: which records, since when, and
/// how a retained line keeps that time; and that versions stored before retained removals existed still load.
/// </summary>
public sealed class RetainedRemovalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Fact]
    public void A_record_the_new_base_lacks_is_carried_since_now_if_it_was_live_and_since_it_went_if_removed_within_the_retention()
    {
        var idsNow = new HashSet<string>(StringComparer.Ordinal) { "back", "live" };

        Assert.Null(RetainedRemovals.RemovedSince(Live("live"), idsNow, Now, Retention));
        Assert.Null(RetainedRemovals.RemovedSince(Removed("back", Now.AddDays(-1)), idsNow, Now, Retention));
        Assert.Equal(Now, RetainedRemovals.RemovedSince(Live("gone"), idsNow, Now, Retention));
        Assert.Equal(Now.AddDays(-29), RetainedRemovals.RemovedSince(Removed("gone", Now.AddDays(-29)), idsNow, Now, Retention));
        Assert.Equal(Now.AddDays(-30), RetainedRemovals.RemovedSince(Removed("gone", Now.AddDays(-30)), idsNow, Now, Retention));
        Assert.Null(RetainedRemovals.RemovedSince(Removed("gone", Now.AddDays(-30).AddTicks(-1)), idsNow, Now, Retention));

        // Without an id there is no telling whether the new base has it.
        Assert.Null(RetainedRemovals.RemovedSince(new MergedRecord("""{"name":"company"}""", Now, removed: false), idsNow, Now, Retention));
    }

    [Fact]
    public void A_retained_line_is_read_back_as_the_record_removed_since_the_time_it_was_stamped_with()
    {
        var since = Now.AddDays(-3).AddTicks(1234567);
        var stored = RecordStamp.Stamp(RecordStamp.MarkDeleted("""{"id":"c-1","name":"Ann","metadata":{"isDeleted":false}}"""), since);

        var record = RetainedRemovals.Read(stored);

        Assert.True(record.Removed);
        Assert.Equal(since, record.Seen);
        Assert.Equal("c-1", record.Id);
        Assert.Equal(stored, record.ReaderLine());
        Assert.Equal("""{"id":"c-1","name":"Ann","metadata":{"isDeleted":true}}""", record.Line);
        // Carried into a later version, it is written exactly as it was.
        Assert.Equal(stored, RecordStamp.Stamp(RecordStamp.MarkDeleted(record.Line), record.Seen));
        Assert.Throws<InvalidDataException>(() => RetainedRemovals.Read("""{"id":"c-1"}"""));
    }

    [Theory]
    [InlineData("""{"id":"a","n":1}""")]
    [InlineData("{}")]
    [InlineData("""{"id":"a","note":"modifiedDate"}""")]
    public void Unstamp_undoes_Stamp(string line)
    {
        Assert.Equal((line, Now), RecordStamp.Unstamp(RecordStamp.Stamp(line, Now)));
        Assert.Null(RecordStamp.Unstamp(line));
    }

    [Fact]
    public void The_ids_of_an_index_are_every_id_it_holds()
    {
        var builder = new DatasetIdIndex.Builder();
        builder.AddBlock(0, Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n{\"name\":\"no id\"}\n{\"id\":\"é-2\"}\n"));
        builder.AddBlock(1, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i => $"{{\"id\":\"r-{i}\"}}\n")) + "{\"id\":\"a\"}\n"));

        var ids = DatasetIdIndex.IdsIn(builder.ToBytes());

        string[] expected = ["a", "é-2", .. Enumerable.Range(0, 40).Select(i => $"r-{i}")];
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Empty(DatasetIdIndex.IdsIn(new DatasetIdIndex.Builder().ToBytes()));
    }

    [Fact]
    public void The_retained_blob_sits_beside_the_base_under_its_own_name()
    {
        Assert.Equal("svc/datasets/co/customers/op-1.removed.ndjson.gz", RetainedRemovals.BlobNameFor("svc/datasets/co/customers/op-1.ndjson.gz"));
    }

    [Fact]
    public void A_version_stored_before_retained_removals_existed_loads_without_them_and_reads_its_base_as_before()
    {
        var serializer = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));
        // A pull operation's committed version as the grain storage wrote it before this change.
        var stored = BinaryData.FromString("""
            {"DatasetId":"op-2","DataType":"customers","BlobName":"op-1.ndjson.gz","RecordCount":11,
             "Blocks":[{"Offset":0,"Length":100,"RecordCount":10}],"CommittedAt":"2026-12-04T12:00:00+00:00",
             "Deltas":[{"DatasetId":"op-2","BlobName":"op-2.ndjson.gz","RecordCount":2,"Blocks":[{"Offset":0,"Length":50,"RecordCount":2}],
                        "CommittedAt":"2026-12-04T12:00:00+00:00"}],
             "BaseRecordCount":10,"BaseCommittedAt":"2026-12-04T11:00:00+00:00","LiveRecordCount":10,"HasDeltas":true}
            """);

        var loaded = serializer.Deserialize<CommittedDataset>(stored)!;

        Assert.Null(loaded.RetainedRemovals);
        Assert.Equal(11, loaded.RecordCount);
        Assert.Equal(10, MergedRecords.BaseOf(loaded).RecordCount);
        Assert.Null(MergedRecords.RetainedOf(loaded));

        // A version without retained removals is still stored in that shape.
        var json = JsonNode.Parse(serializer.Serialize(loaded).ToString())!.AsObject();
        Assert.False(json.ContainsKey(nameof(CommittedDataset.RetainedRemovals)), json.ToJsonString());
    }

    private static MergedRecord Live(string id) => new($$"""{"id":"{{id}}"}""", Now.AddDays(-40), removed: false);

    private static MergedRecord Removed(string id, DateTimeOffset since) => new($$"""{"id":"{{id}}"}""", since, removed: true);
}
