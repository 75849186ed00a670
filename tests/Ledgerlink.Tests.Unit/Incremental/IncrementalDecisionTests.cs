using System.Text;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.EdgeAgent.Sync.Incremental;
using Ledgerlink.Grains.Datasets.Deltas;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Tests.Incremental;

/// <summary>
/// The decisions behind an incremental sync, without servers: when the agent and the cluster refuse a delta (and what
/// they say), and what the agent's delta holds.
/// </summary>
public sealed class IncrementalDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly SyncWatermark Then = new(1000, new DateTime(2026, 11, 30, 9, 0, 0), "tables-1", "schema-1", Now.AddHours(-1));

    [Fact]
    public void The_agent_sends_a_delta_only_on_the_cluster_s_base_with_matching_digests_and_a_watermark_that_did_not_go_back()
    {
        var digests = Digests(3);
        var resume = Resume(new SyncBase("base-1", Then, 3));

        Assert.Equal("first sync of this data type", SyncPlanner.Plan(Resume(null), Then, _ => digests).FullSyncReason);
        Assert.Equal("asked", SyncPlanner.Plan(resume with { FullSyncReason = "asked" }, Then, _ => digests).FullSyncReason);
        Assert.Contains("TRAN_NUMBER went back from 1000 to 999", SyncPlanner.Plan(resume, Then with { MaxTranNumber = 999 }, _ => digests).FullSyncReason, StringComparison.Ordinal);
        Assert.Contains("restored from an older backup",
            SyncPlanner.Plan(resume, Then with { MaxModified = Then.MaxModified!.Value.AddSeconds(-1) }, _ => digests).FullSyncReason, StringComparison.Ordinal);
        Assert.Contains("data version changed", SyncPlanner.Plan(resume, Then with { SageVersion = "schema-2" }, _ => digests).FullSyncReason, StringComparison.Ordinal);
        Assert.Contains("no record digests for the committed dataset base-1", SyncPlanner.Plan(resume, Then, _ => null).FullSyncReason, StringComparison.Ordinal);
        Assert.Contains("record counts disagree", SyncPlanner.Plan(resume, Then, _ => Digests(2)).FullSyncReason, StringComparison.Ordinal);

        // Digests are looked up for the dataset the cluster named, never another.
        var asked = new List<string>();
        var same = SyncPlanner.Plan(resume, Then with { TakenAt = Now }, id => { asked.Add(id); return digests; });
        Assert.Equal(["base-1"], asked);
        Assert.True(same.IsDelta);
        Assert.True(same.Unchanged);
        var changed = SyncPlanner.Plan(resume, Then with { TablesFingerprint = "tables-2" }, _ => digests);
        Assert.True(changed.IsDelta);
        Assert.False(changed.Unchanged);
    }

    [Fact]
    public void The_cluster_asks_for_a_full_sync_when_asked_when_the_watermark_is_old_and_when_deltas_pile_up()
    {
        var options = new IncrementalSyncOptions { MaxWatermarkAge = TimeSpan.FromDays(1), MaxDeltas = 2, MaxDeltaShare = 0.5 };
        var committed = new CommittedDataset("base-1", "customers", "blob", 100, [], Now.AddHours(-1), Watermark: Then);

        Assert.Equal((null, null), SyncBasePolicy.Decide(null, fullSyncAsked: false, options, Now));
        Assert.Equal("the committed dataset has no watermark", SyncBasePolicy.Decide(committed with { Watermark = null }, false, options, Now).FullSyncReason);
        var (syncBase, reason) = SyncBasePolicy.Decide(committed, false, options, Now);
        Assert.Null(reason);
        Assert.Equal(new SyncBase("base-1", Then, 100), syncBase);
        Assert.Contains("fullSync=true", SyncBasePolicy.Decide(committed, true, options, Now).FullSyncReason, StringComparison.Ordinal);
        Assert.Contains("older than", SyncBasePolicy.Decide(committed, false, options, Now.AddDays(2)).FullSyncReason, StringComparison.Ordinal);

        var delta = new DatasetSegment("d", "d-blob", 10, [], Now);
        Assert.Null(SyncBasePolicy.Decide(committed with { Deltas = [delta] }, false, options, Now).FullSyncReason);
        Assert.StartsWith("compaction", SyncBasePolicy.Decide(committed with { Deltas = [delta, delta] }, false, options, Now).FullSyncReason, StringComparison.Ordinal);
        Assert.StartsWith("compaction", SyncBasePolicy.Decide(committed with { Deltas = [delta with { RecordCount = 51 }] }, false, options, Now).FullSyncReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delta_holds_changed_and_new_records_then_a_removal_marker_per_record_gone()
    {
        var before = new DeltaFilter(null, 3);
        await Drain(before.ApplyAsync(Records(("a", "1"), ("b", "1"), ("c", "1")), CancellationToken.None));

        var filter = new DeltaFilter(before.Seen, 3);
        var sent = await Drain(filter.ApplyAsync(Records(("a", "1"), ("b", "2"), ("d", "1")), CancellationToken.None));
        Assert.Equal(["{\"id\":\"b\",\"v\":\"2\"}", "{\"id\":\"d\",\"v\":\"1\"}", "{\"id\":\"c\",\"ledgerlinkRemoved\":true}"], sent);
        Assert.Equal((1, 1), (filter.Added, filter.Removed));
        Assert.Equal(["a", "b", "d"], filter.Seen.ById.Keys.Order(StringComparer.Ordinal));
        Assert.True(DeltaLines.IsRemoval(Encoding.UTF8.GetBytes(sent[2])));
        Assert.False(DeltaLines.IsRemoval(Encoding.UTF8.GetBytes(sent[0])));
    }

    private static PullResumePoint Resume(SyncBase? syncBase) =>
        new("ds", "co", "customers", 0, 0, true, new PullLease("ds", "cn", Now, []), syncBase);

    private static RecordDigests Digests(int count)
    {
        var digests = new RecordDigests();
        for (var i = 0; i < count; i++)
        {
            digests.ById[$"r{i}"] = (ulong)i;
        }

        return digests;
    }

    private static async IAsyncEnumerable<Sage50Record> Records(params (string Id, string Version)[] records)
    {
        foreach (var (id, version) in records)
        {
            await Task.Yield();
            yield return new Sage50Record(id, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"v\":\"{version}\"}}"));
        }
    }

    private static async Task<List<string>> Drain(IAsyncEnumerable<Sage50Record> records)
    {
        var lines = new List<string>();
        await foreach (var record in records)
        {
            lines.Add(Encoding.UTF8.GetString(record.Json.Span));
        }

        return lines;
    }
}
