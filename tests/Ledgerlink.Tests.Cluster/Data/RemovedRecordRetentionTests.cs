using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Data;

/// <summary>
/// Records gone from Sage stay readable as deleted across full syncs for <c>IncrementalSync:RemovedRecordRetention</c>,
/// through every read the API has: pages, get by id, <c>query=</c> and <c>orderBy=</c> on <c>modifiedDate</c> and
/// <c>metadata.isDeleted</c>, and counts.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class RemovedRecordRetentionTests(AzuriteFixture azurite)
{
    private const string Customers = "customers";

    private static readonly Dictionary<string, string?> Retention = new()
    {
        ["Ledgerlink:Grains:IncrementalSync:RemovedRecordRetention"] = "02:30:00",
    };

    [Fact]
    public async Task Removed_records_stay_deleted_across_full_syncs_with_the_time_first_seen_gone_until_the_retention_ends()
    {
        await using var scenario = await DataScenario.StartAsync(azurite, Retention);
        await SyncFullAsync(scenario, Records("v1", 1, 2, 3, 4, 5, 6, 7, 8));

        // An incremental sync: 1 changed, 2 and 7 gone from Sage.
        await LaterAsync(scenario);
        await SyncDeltaAsync(scenario, [.. Records("v2", 1), Removal(2), Removal(7)], added: 0, removed: 2);
        var afterDelta = await ReadAsync(scenario);
        var removedAtDelta = ModifiedDate(afterDelta, 2);
        Assert.True(IsDeleted(afterDelta, 2));

        // A forced full sync that no longer has 4, 5 and 8: 2 and 7 keep the time they went, the others went now.
        await LaterAsync(scenario);
        await SyncFullAsync(scenario, Records("v3", 1, 3, 6), fullSync: true);
        var afterFull = await ReadAsync(scenario);
        Assert.Equal(["1", "3", "6", "2", "4", "5", "7", "8"], Ids(afterFull));
        Assert.Equal([false, false, false, true, true, true, true, true], afterFull.Select(IsDeleted).ToList());
        var fullCommit = ModifiedDate(afterFull, 1);
        Assert.True(string.CompareOrdinal(fullCommit, removedAtDelta) > 0);
        Assert.Equal(removedAtDelta, ModifiedDate(afterFull, 2));
        Assert.Equal(removedAtDelta, ModifiedDate(afterFull, 7));
        Assert.Equal(fullCommit, ModifiedDate(afterFull, 4));
        Assert.Equal(fullCommit, ModifiedDate(afterFull, 5));
        Assert.Equal(fullCommit, ModifiedDate(afterFull, 8));
        // A removed record shows its last version: 2 as the first sync had it, 4 as the full sync before this one.
        Assert.Equal("v1", afterFull.Single(r => Id(r) == "2")["tag"]!.GetValue<string>());

        // Pages count the retained removals in and run on from the base into them.
        var page = await scenario.Http.GetJsonAsync($"{DataPath(scenario)}?page=2&pageSize=3");
        Assert.Equal(8, page["totalResults"]!.GetValue<int>());
        Assert.Equal(["2", "4", "5"], Ids(page["results"]!.AsArray()));
        var last = await scenario.Http.GetJsonAsync($"{DataPath(scenario)}?page=3&pageSize=3");
        Assert.Equal(["7", "8"], Ids(last["results"]!.AsArray()));

        // Get by id finds them, as readers see them.
        var byId = await scenario.Http.GetJsonAsync($"{DataPath(scenario)}/customers-5");
        Assert.True(byId["metadata"]!["isDeleted"]!.GetValue<bool>());
        Assert.Equal(fullCommit, byId["modifiedDate"]!.GetValue<string>());
        Assert.Equal(removedAtDelta, (await scenario.Http.GetJsonAsync($"{DataPath(scenario)}/customers-2"))["modifiedDate"]!.GetValue<string>());
        using (var missing = await scenario.Http.GetAsync(new Uri($"{DataPath(scenario)}/customers-9", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // Queries and ordering see them with their own modifiedDate.
        var deleted = await QueryAsync(scenario, "query=" + Uri.EscapeDataString("metadata.isDeleted=true"));
        Assert.Equal(5, deleted["totalResults"]!.GetValue<int>());
        Assert.Equal(["2", "4", "5", "7", "8"], Ids(deleted["results"]!.AsArray()));
        var changedSinceDelta = await QueryAsync(scenario, "query=" + Uri.EscapeDataString($"modifiedDate>{removedAtDelta}"));
        Assert.Equal(["1", "3", "6", "4", "5", "8"], Ids(changedSinceDelta["results"]!.AsArray()));
        var oldest = await QueryAsync(scenario, "orderBy=modifiedDate&pageSize=2");
        Assert.Equal(["2", "7"], Ids(oldest["results"]!.AsArray()));

        // An incremental sync brings 5 back: live, once.
        await LaterAsync(scenario);
        await SyncDeltaAsync(scenario, Records("v4", 5), added: 1, removed: 0);
        var afterReturn = await ReadAsync(scenario);
        // In its place, as a record a delta changes stays in the base's place.
        Assert.Equal(["1", "3", "6", "2", "4", "5", "7", "8"], Ids(afterReturn));
        Assert.False(IsDeleted(afterReturn, 5));
        Assert.Equal("v4", (await scenario.Http.GetJsonAsync($"{DataPath(scenario)}/customers-5"))["tag"]!.GetValue<string>());

        // Three hours after 2 went, a full sync: 2 is past the retention and dropped; 4 is not and keeps its time;
        // 7 and 8 are back in Sage (live, once: 8 was still retained); 6 is newly gone.
        await LaterAsync(scenario);
        await SyncFullAsync(scenario, Records("v5", 1, 3, 5, 7, 8));
        var afterExpiry = await ReadAsync(scenario);
        // Retained removals keep the order the version before showed them in.
        Assert.Equal(["1", "3", "5", "7", "8", "6", "4"], Ids(afterExpiry));
        Assert.Equal([false, false, false, false, false, true, true], afterExpiry.Select(IsDeleted).ToList());
        Assert.Equal(fullCommit, ModifiedDate(afterExpiry, 4));
        Assert.Equal(ModifiedDate(afterExpiry, 1), ModifiedDate(afterExpiry, 6));
        using (var expired = await scenario.Http.GetAsync(new Uri($"{DataPath(scenario)}/customers-2", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        }

        var status = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/dataStatus");
        Assert.Equal(7, status[Customers]!["recordCount"]!.GetValue<int>());

        // A delta adds 9; the next full sync lacks only 9, none of its base: 9 is carried from the delta, 6 from the
        // retained removals, and 4 has passed the retention.
        await LaterAsync(scenario);
        await SyncDeltaAsync(scenario, Records("v6", 9), added: 1, removed: 0);
        await LaterAsync(scenario);
        await SyncFullAsync(scenario, Records("v7", 1, 3, 5, 7, 8));
        var baseKept = await ReadAsync(scenario);
        Assert.Equal(["1", "3", "5", "7", "8", "6", "9"], Ids(baseKept));
        Assert.Equal([false, false, false, false, false, true, true], baseKept.Select(IsDeleted).ToList());
        Assert.Equal(ModifiedDate(afterExpiry, 6), ModifiedDate(baseKept, 6));
        Assert.Equal(ModifiedDate(baseKept, 1), ModifiedDate(baseKept, 9));
        Assert.Equal("v6", baseKept.Single(r => Id(r) == "9")["tag"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_full_sync_on_a_version_committed_without_watermark_or_retained_removals_shows_what_it_lacks_as_deleted()
    {
        // Plain completions, as agents committed before incremental sync: no watermark, no live count, no retained removals.
        await using var scenario = await DataScenario.StartAsync(azurite, Retention);
        await scenario.SyncOnceAsync(Customers, Records("v1", 1, 2, 3), completion: null);
        Assert.Equal(["1", "2", "3"], Ids(await ReadAsync(scenario)));

        await LaterAsync(scenario);
        await scenario.SyncOnceAsync(Customers, Records("v2", 1, 3), completion: null);
        var records = await ReadAsync(scenario);
        Assert.Equal(["1", "3", "2"], Ids(records));
        Assert.True(IsDeleted(records, 2));
        Assert.Equal(ModifiedDate(records, 1), ModifiedDate(records, 2));
        Assert.Equal("v1", records[2]["tag"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_record_count_stays_what_readers_see_when_a_delta_brings_back_a_record_shown_as_deleted()
    {
        await using var scenario = await DataScenario.StartAsync(azurite, Retention);
        await SyncFullAsync(scenario, Records("v1", 1, 2, 3, 4));
        await AssertCountsAsync(scenario, 4);

        // A delta removes 2 and the next brings it back: the agent counts it as added, readers saw it all along.
        await LaterAsync(scenario);
        await SyncDeltaAsync(scenario, [Removal(2)], added: 0, removed: 1);
        await AssertCountsAsync(scenario, 4);
        await LaterAsync(scenario);
        await SyncDeltaAsync(scenario, Records("v2", 2), added: 1, removed: 0);
        await AssertCountsAsync(scenario, 4);

        // A full sync without 4 retains it as deleted; a delta brings 4 back and adds 5.
        await LaterAsync(scenario);
        await SyncFullAsync(scenario, Records("v3", 1, 2, 3), fullSync: true);
        await AssertCountsAsync(scenario, 4);
        await LaterAsync(scenario);
        await SyncDeltaAsync(scenario, Records("v4", 4, 5), added: 2, removed: 0);
        await AssertCountsAsync(scenario, 5);
        Assert.Equal([false, false, false, false, false], (await ReadAsync(scenario)).Select(IsDeleted).ToList());
    }

    /// <summary>Records read, a page's <c>totalResults</c> and dataStatus's <c>recordCount</c> all say <paramref name="expected"/>.</summary>
    private static async Task AssertCountsAsync(DataScenario scenario, int expected)
    {
        var records = await ReadAsync(scenario);
        var page = await scenario.Http.GetJsonAsync($"{DataPath(scenario)}?page=1&pageSize=1");
        var status = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/dataStatus");
        Assert.Equal(
            (expected, expected, expected),
            (records.Count, page["totalResults"]!.GetValue<int>(), status[Customers]!["recordCount"]!.GetValue<int>()));
    }

    /// <summary>An hour later on the silo's clock; the agent, as silent meanwhile, heartbeats to be online again.</summary>
    private static async Task LaterAsync(DataScenario scenario)
    {
        scenario.Time.Advance(TimeSpan.FromHours(1));
        await scenario.Agent.HeartbeatAsync();
    }

    private static string DataPath(DataScenario scenario) => $"/companies/{scenario.CompanyId}/data/{Customers}";

    private static async Task<List<JsonNode>> ReadAsync(DataScenario scenario) =>
        await scenario.ReadAllAsync(Customers) ?? throw new InvalidOperationException("customers were never synced");

    private static Task<JsonNode> QueryAsync(DataScenario scenario, string query) =>
        scenario.Http.GetJsonAsync($"{DataPath(scenario)}?{query}");

    private static List<string> Records(string tag, params int[] numbers) =>
        numbers.Select(n => $$"""{"id":"customers-{{n}}","name":"Customer {{n}}","tag":"{{tag}}"}""").ToList();

    private static string Removal(int number) => Encoding.UTF8.GetString(DeltaLines.Removal($"customers-{number}"));

    /// <summary>A full sync as the incremental agent completes one: every record, and a watermark a delta can build on.</summary>
    private static Task<string> SyncFullAsync(DataScenario scenario, List<string> records, bool fullSync = false) =>
        scenario.SyncOnceAsync(Customers, records,
            _ => new PullCompletion(records.Count, Watermark(scenario), null, "the test sends everything", 0, 0), fullSync);

    /// <summary>A delta on the base the cluster offered: changed and new records, and removal markers.</summary>
    private static Task<string> SyncDeltaAsync(DataScenario scenario, List<string> lines, long added, long removed) =>
        scenario.SyncOnceAsync(Customers, lines, resume => new PullCompletion(
            lines.Count, Watermark(scenario), resume.Base?.DatasetId ?? throw new InvalidOperationException("no base offered"), null, added, removed));

    private static SyncWatermark Watermark(DataScenario scenario) =>
        new(1, null, "tables", "schema", scenario.Time.GetUtcNow());

    private static string Id(JsonNode? record) => record!["id"]!.GetValue<string>()["customers-".Length..];

    private static List<string> Ids(IEnumerable<JsonNode?> records) => records.Select(Id).ToList();

    private static bool IsDeleted(JsonNode? record) => record!["metadata"]?["isDeleted"]?.GetValue<bool>() == true;

    private static bool IsDeleted(List<JsonNode> records, int number) => IsDeleted(records.Single(r => Id(r) == $"{number}"));

    private static string ModifiedDate(List<JsonNode> records, int number) =>
        records.Single(r => Id(r) == $"{number}")["modifiedDate"]!.GetValue<string>();
}
