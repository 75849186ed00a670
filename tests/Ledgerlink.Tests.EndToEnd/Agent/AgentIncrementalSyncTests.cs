using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Specialized;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Agent;

/// <summary>
/// Incremental sync with a real agent process and a real silo process: a demo company synced, changed as its owner
/// would (edits, new transactions, deletions), synced again as deltas: every data type read over the HTTP API equals
/// what a full read of the changed company gives, removed records marked deleted; the deltas are a small part of the
/// full sync's bytes; <c>modifiedDate</c> finds exactly the changed records; an older backup restored makes the next
/// sync full with the reason recorded, and so does <c>fullSync=true</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentIncrementalSyncTests(AzuriteFixture azurite)
{
    /// <summary>
    /// 10,000 splits in CI; <c>LEDGERLINK_INCREMENTAL_TEST_SPLITS=200000</c> runs the same checks on issue #15's size,
    /// with the mutation scaled alike (about 0.1% of the rows).
    /// </summary>
    private static readonly int Splits =
        int.TryParse(Environment.GetEnvironmentVariable("LEDGERLINK_INCREMENTAL_TEST_SPLITS"), out var splits) && splits > 0 ? splits : 10_000;

    private static readonly int Scale = Math.Max(1, Splits / 10_000);
    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task A_sync_after_changes_sends_only_the_changes_and_commits_exactly_the_changed_company()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var folder = bed.NewFolder("sage");
        var manifest = DemoCompanyGenerator.Generate(folder, Splits, seed: 15);
        var location = DemoCompanyGenerator.LocationOf(manifest);
        var older = bed.NewFolder("sage-backup");
        DemoCompanyBackup.Copy(location.DataDirectory, older);
        var companyId = await bed.CreateCompanyAsync("Incremental Ltd");

        var agent = bed.Agent(settings: new Dictionary<string, string?> { ["Ledgerlink:Agent:BatchBytes"] = "65536" });
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");

        await bed.RefreshAllAsync(companyId);
        await bed.WaitForAllCompleteAsync(companyId, running);
        var fullOperations = await LatestOperationsAsync(bed, companyId);
        var before = new Dictionary<string, Dictionary<string, JsonObject>>(StringComparer.Ordinal);
        var firstSeen = "";
        foreach (var dataType in DataTypeNames.All)
        {
            var records = await ReadAllAsync(bed, companyId, dataType);
            before[dataType] = records;
            var description = (await bed.OperationAsync(companyId, fullOperations[dataType]))["statusDescription"]?.GetValue<string>();
            Assert.StartsWith("Full sync: first sync", description, StringComparison.Ordinal);
            foreach (var record in records.Values)
            {
                var seen = record["modifiedDate"]!.GetValue<string>();
                firstSeen = string.CompareOrdinal(seen, firstSeen) > 0 ? seen : firstSeen;
            }
        }

        var mutation = DemoCompanyMutator.Mutate(location.DataDirectory, new DemoMutationOptions(Edits: 12 * Scale, Posts: 6 * Scale, Deletes: 8 * Scale, Seed: 4));
        await bed.RefreshAllAsync(companyId);
        await bed.WaitForAllCompleteAsync(companyId, running);
        var deltaOperations = await LatestOperationsAsync(bed, companyId);

        long fullBytes = 0, deltaBytes = 0;
        var changedSomewhere = 0;
        foreach (var dataType in DataTypeNames.All)
        {
            var operation = await bed.OperationAsync(companyId, deltaOperations[dataType]);
            Assert.StartsWith("Incremental sync", operation["statusDescription"]?.GetValue<string>(), StringComparison.Ordinal);
            fullBytes += await BlobBytesAsync(bed, companyId, dataType, fullOperations[dataType]);
            deltaBytes += await BlobBytesAsync(bed, companyId, dataType, deltaOperations[dataType]);

            // Expected: a full read of the changed company, plus every record it no longer has, as last seen, marked deleted.
            var expected = (await DirectReadAsync(location, dataType)).ToDictionary(r => Id(r), r => r, StringComparer.Ordinal);
            foreach (var (id, old) in before[dataType])
            {
                if (!expected.ContainsKey(id))
                {
                    var removed = Strip(old);
                    ((removed["metadata"] as JsonObject) ?? (JsonObject)(removed["metadata"] = new JsonObject()))["isDeleted"] = true;
                    expected[id] = removed;
                }
            }

            var committed = await ReadAllAsync(bed, companyId, dataType);
            Assert.Equal(expected.Count, committed.Count);
            Assert.True(Hash(expected.Values) == Hash(committed.Values.Select(Strip)),
                $"{dataType}: the incrementally synced dataset differs from a full read of the changed company");

            // modifiedDate tells exactly the records that changed since the first sync.
            var changed = committed.Where(c => !before[dataType].TryGetValue(c.Key, out var old) || Text(Strip(old)) != Text(Strip(c.Value)))
                .Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
            var byModifiedDate = (await ReadAllAsync(bed, companyId, dataType, $"modifiedDate>{firstSeen}")).Keys.Order(StringComparer.Ordinal).ToList();
            Assert.Equal(changed, byModifiedDate);
            changedSomewhere += changed.Count;
        }

        Assert.True(changedSomewhere >= mutation.Edited.Count + mutation.Posted.Count, $"only {changedSomewhere} records changed after {mutation}");

        // The audit trail's data types read only the transactions that changed, not the whole audit trail.
        foreach (var dataType in DataTypeNames.All.Where(d => Sage50Readers.Default.For(d) is IHeaderScopedReader))
        {
            Assert.Contains(running.Lines, l => l.Contains($"({dataType}): reading ", StringComparison.Ordinal)
                                                && l.Contains("not the whole audit trail", StringComparison.Ordinal));
        }
        // Bank transactions' running balances came from the postings the full sync kept on this PC, not every posting again.
        Assert.Contains(running.Lines, l => l.Contains("Bank balances from every posting on the bank accounts", StringComparison.Ordinal));
        Assert.Contains(running.Lines, l => l.Contains("Bank balances built on the postings the committed version's read kept", StringComparison.Ordinal));
        Assert.True(deltaBytes * 10 < fullBytes, $"the deltas took {deltaBytes} bytes against {fullBytes} for the full sync");

        // Newest first: orderBy=-modifiedDate puts a changed customer ahead of the rest.
        var newest = await bed.Http.GetJsonAsync($"/companies/{companyId}/data/customers?orderBy=-modifiedDate&pageSize=1");
        Assert.True(string.CompareOrdinal(newest["results"]![0]!["modifiedDate"]!.GetValue<string>(), firstSeen) > 0);

        // An older copy of the Sage data put back: the watermark went backwards, so the next sync is full and says why.
        DemoCompanyBackup.Restore(older, location.DataDirectory);
        var restored = await bed.QueueAsync(companyId, DataTypeNames.Customers);
        var afterRestore = await bed.WaitForOperationAsync(companyId, restored["id"]!.GetValue<string>(),
            o => o["status"]!.GetValue<string>() is "Complete" or "FetchError", "the sync after the restore", running);
        Assert.Equal("Complete", afterRestore["status"]!.GetValue<string>());
        Assert.Contains("restored from an older backup", afterRestore["statusDescription"]!.GetValue<string>(), StringComparison.Ordinal);
        var restoredExpected = await DirectReadAsync(location, DataTypeNames.Customers);
        var restoredCommitted = await ReadAllAsync(bed, companyId, DataTypeNames.Customers);
        Assert.Equal(Hash(restoredExpected), Hash(restoredCommitted.Values.Select(Strip)));

        // The integrator asks for a full sync.
        using var forced = await bed.Http.PostAsync(new Uri($"/companies/{companyId}/data/queue/customers?fullSync=true", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        var forcedId = (await forced.JsonAsync())["id"]!.GetValue<string>();
        var forcedDone = await bed.WaitForOperationAsync(companyId, forcedId, o => o["status"]!.GetValue<string>() is "Complete" or "FetchError", "the forced full sync", running);
        Assert.Equal("Full sync: a full sync was asked for (fullSync=true).", forcedDone["statusDescription"]!.GetValue<string>());
    }

    /// <summary>How a delta is stopped halfway: cancelled through the API, or its agent process killed.</summary>
    public enum Interruption
    {
        Cancelled,
        AgentKilled,
    }

    [Theory]
    [InlineData(Interruption.Cancelled)]
    [InlineData(Interruption.AgentKilled)]
    public async Task An_incremental_sync_stopped_halfway_leaves_the_previous_version_readable_and_the_next_sync_is_exact(Interruption interruption)
    {
        // Deltas of any share are welcome here, so the big delta a deleted payment makes (every later running balance) stays a delta.
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, [new("Ledgerlink:Grains:IncrementalSync:MaxDeltaShare", "1")]);
        var manifest = DemoCompanyGenerator.Generate(bed.NewFolder("sage"), Splits, seed: 16);
        var location = DemoCompanyGenerator.LocationOf(manifest);
        var companyId = await bed.CreateCompanyAsync("Stopped Delta Ltd");
        const string dataType = DataTypeNames.BankTransactions;

        // Tiny batches: the delta goes as a few hundred batches, so there is time to stop it halfway.
        var agent = bed.Agent(settings: new Dictionary<string, string?> { ["Ledgerlink:Agent:BatchBytes"] = "1024" });
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");
        var firstId = (await bed.QueueAsync(companyId, dataType))["id"]!.GetValue<string>();
        Assert.Equal("Complete", (await bed.WaitForOperationAsync(companyId, firstId, IsFinished, "the first sync", running))["status"]!.GetValue<string>());
        var before = await ReadAllAsync(bed, companyId, dataType);

        DemoCompanyMutator.Mutate(location.DataDirectory, new DemoMutationOptions(Posts: 3, Deletes: 12, Seed: 9));
        var secondId = (await bed.QueueAsync(companyId, dataType))["id"]!.GetValue<string>();
        await bed.WaitForOperationAsync(companyId, secondId,
            o => o["status"]!.GetValue<string>() == "Fetching" && o["recordCount"]!.GetValue<long>() > 0, "the delta to be part-stored", running);
        if (interruption == Interruption.Cancelled)
        {
            using var cancel = await bed.Http.PostAsync(new Uri($"/companies/{companyId}/data/history/{secondId}/cancel", UriKind.Relative), null);
            Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
            Assert.Equal("Cancelled", (await bed.WaitForOperationAsync(companyId, secondId, IsFinished, "the cancel", running))["status"]!.GetValue<string>());
        }
        else
        {
            await running.KillAsync();
            Assert.Equal("Fetching", (await bed.OperationAsync(companyId, secondId))["status"]!.GetValue<string>());
        }

        var meanwhile = await ReadAllAsync(bed, companyId, dataType);
        Assert.Equal(Hash(before.Values), Hash(meanwhile.Values));
        Assert.Equal(firstId, (await bed.DataStatusAsync(companyId))[dataType]!["latestSuccessfulSyncId"]!.GetValue<string>());

        // A cancelled delta is queued again; a started-again agent is sent the same pull operation and carries it on
        // after its stored batches.
        await using var startedAgain = interruption == Interruption.AgentKilled ? agent.Run() : null;
        var next = startedAgain ?? running;
        var nextId = startedAgain is null ? (await bed.QueueAsync(companyId, dataType))["id"]!.GetValue<string>() : secondId;
        var done = await bed.WaitForOperationAsync(companyId, nextId, IsFinished, "the sync after the stop", next);
        Assert.Equal("Complete", done["status"]!.GetValue<string>());
        Assert.StartsWith($"Incremental sync on dataset {firstId}", done["statusDescription"]!.GetValue<string>(), StringComparison.Ordinal);
        if (interruption == Interruption.AgentKilled)
        {
            Assert.True(InterruptedSync.ResumedFrom(next) > 0, $"the started-again agent did not carry on after the stored batches\n{next.Tail()}");
        }

        var expected = (await DirectReadAsync(location, dataType)).ToDictionary(Id, r => r, StringComparer.Ordinal);
        foreach (var (id, old) in before.Where(b => !expected.ContainsKey(b.Key)))
        {
            var removed = Strip(old);
            ((removed["metadata"] as JsonObject) ?? (JsonObject)(removed["metadata"] = new JsonObject()))["isDeleted"] = true;
            expected[id] = removed;
        }

        var committed = await ReadAllAsync(bed, companyId, dataType);
        Assert.Equal(expected.Count, committed.Count);
        Assert.Equal(Hash(expected.Values), Hash(committed.Values.Select(Strip)));
    }

    [Fact]
    public async Task A_fullSync_value_that_is_not_a_boolean_is_a_400_naming_it()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var companyId = await bed.CreateCompanyAsync("Bad Flag Ltd");
        using var response = await bed.Http.PostAsync(new Uri($"/companies/{companyId}/data/queue/customers?fullSync=maybe", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("fullSync", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static bool IsFinished(JsonNode operation) => operation["status"]!.GetValue<string>() is not ("Queued" or "Fetching");

    private static async Task<Dictionary<string, string>> LatestOperationsAsync(AgentTestBed bed, string companyId)
    {
        var status = await bed.DataStatusAsync(companyId);
        return DataTypeNames.All.ToDictionary(t => t, t => status[t]!["latestSuccessfulSyncId"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    private static async Task<long> BlobBytesAsync(AgentTestBed bed, string companyId, string dataType, string datasetId)
    {
        var blob = new BlockBlobClient(bed.Silo.StorageConnectionString, bed.Silo.DatasetContainer,
            DatasetBlobName.For(bed.Silo.ServiceId, companyId, dataType, datasetId));
        return await blob.ExistsAsync() ? (await blob.GetPropertiesAsync()).Value.ContentLength : 0;
    }

    private static async Task<Dictionary<string, JsonObject>> ReadAllAsync(AgentTestBed bed, string companyId, string dataType, string? query = null)
    {
        var records = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var path = $"/companies/{companyId}/data/{dataType}?page={page}&pageSize=5000" + (query is null ? "" : "&query=" + Uri.EscapeDataString(query));
            var body = await bed.Http.GetJsonAsync(path);
            var results = body["results"]?.AsArray() ?? throw new InvalidOperationException($"{path}: {body}");
            foreach (var record in results)
            {
                var copy = (JsonObject)JsonNode.Parse(record!.ToJsonString())!;
                records.Add(Id(copy), copy);
            }

            if (results.Count < 5000)
            {
                return records;
            }
        }
    }

    private static async Task<List<JsonObject>> DirectReadAsync(Sage50CompanyLocation location, string dataType) =>
        Encoding.UTF8.GetString(await DirectRead.NdjsonAsync(location, dataType))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();

    private static JsonObject Strip(JsonObject record)
    {
        var copy = (JsonObject)JsonNode.Parse(record.ToJsonString())!;
        copy.Remove("modifiedDate");
        return copy;
    }

    /// <summary>Company info, the one record of its data type, has no id.</summary>
    private static string Id(JsonObject record) => record["id"]?.GetValue<string>() ?? "";

    private static string Text(JsonObject record) => record.ToJsonString(Canonical);

    /// <summary>SHA-256 over the records in id order, each in one canonical spelling.</summary>
    private static string Hash(IEnumerable<JsonObject> records) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            records.OrderBy(Id, StringComparer.Ordinal).Select(Text)))));
}
