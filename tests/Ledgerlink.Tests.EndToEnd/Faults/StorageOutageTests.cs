using System.Net;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Faults;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Agent;
using Ledgerlink.Tests.Infrastructure;
using static Ledgerlink.Testing.Agent.InterruptedSync;

namespace Ledgerlink.Tests.Faults;

/// <summary>
/// Storage goes away in the middle of a full sync (this test's own Azurite process is killed, then started again on
/// the same ports and data): the agent hears only the contract's own error and keeps its work, the API answers 503
/// with Retry-After and Codat's canBeRetried instead of 500, and once storage is back the sync completes exactly while
/// data status, history and reads agree for every data type.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class StorageOutageTests(LargeDemoCompanyFixture company) : IClassFixture<LargeDemoCompanyFixture>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Storage_lost_mid_sync_loses_nothing_answers_503_and_ends_with_one_view_of_every_pull()
    {
        await using var azurite = await AzuriteServer.StartOwnedAsync();
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var companyId = await bed.CreateCompanyAsync("Outage Joinery Ltd");
        var bystanderId = await bed.CreateCompanyAsync("Bystander Ltd");
        var agent = bed.Agent(settings: LargeDemoCompanyFixture.SmallBatches);
        await using var running = agent.Run();
        await LinkAsync(agent, company, companyId, bed.LinkCode(companyId));
        await bed.RefreshAllAsync(companyId);

        // Mid-sync: some data types done, some being fetched (where the stuck run of issue #12 happened).
        await Eventually.ValueAsync(
            () => bed.DataStatusAsync(companyId),
            status => States(status).Contains("Complete") && States(status).Contains("Fetching"),
            AgentTestBed.Patience, $"the sync to be part done\n{running.Tail()}");
        await azurite.StopAsync();

        // During the outage every refresh is either accepted (and must run later) or refused with 503 + Retry-After.
        var accepted = new List<string>();
        var refusals = 0;
        var readyRefused = false;
        var outageEnds = DateTimeOffset.UtcNow + Outage;
        while (DateTimeOffset.UtcNow < outageEnds)
        {
            foreach (var path in new[] { $"/companies/{bystanderId}/data/queue/customers", $"/companies/{bystanderId}/data/all" })
            {
                using var response = await bed.Http.PostAsync(new Uri(path, UriKind.Relative), null);
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    if (path.EndsWith("customers", StringComparison.Ordinal))
                    {
                        accepted.Add(JsonNode.Parse(body)!["id"]!.GetValue<string>());
                    }

                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path} answered {(int)response.StatusCode}: {body}");
                Assert.True(response.Headers.RetryAfter is not null, $"{path}: 503 without Retry-After");
                Assert.Equal("True", JsonNode.Parse(body)!["canBeRetried"]!.GetValue<string>());
                refusals++;
            }

            using var ready = await bed.Http.GetAsync(new Uri("/ready", UriKind.Relative));
            readyRefused |= ready.StatusCode == HttpStatusCode.ServiceUnavailable;

            // Pacing the probes over the outage; nothing waits on this delay.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.True(refusals > 0, "no refresh was refused while storage was down");
        Assert.True(readyRefused, "/ready never said 503 while storage was down");
        await azurite.StartAgainAsync();

        await bed.WaitForAllCompleteAsync(companyId, running);
        await AssertOneViewAsync(bed, companyId);
        await AssertCommittedJournalIsExactAsync(bed, company, companyId,
            (await bed.DataStatusAsync(companyId))[DataTypeNames.JournalEntries]!["latestSuccessfulSyncId"]!.GetValue<string>());

        // The agent only ever heard the contract's error, and never gave up a pull for it.
        var lines = running.Lines.ToArray();
        AssertNoLine(lines, l => l.Contains("TypeLoadException", StringComparison.Ordinal));
        AssertNoLine(lines, l => l.Contains("unexpected error", StringComparison.Ordinal));
        AssertNoLine(lines, l => l.Contains("failed:", StringComparison.Ordinal) && l.Contains("Pull ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(nameof(Ledgerlink.Agents.AgentCallFailedException), StringComparison.Ordinal));

        // Refreshes accepted during the outage were not lost; after it, refreshes are accepted again.
        var history = await bed.Http.GetJsonAsync($"/companies/{bystanderId}/data/history?pageSize=100");
        var known = history["results"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Assert.All(accepted, id => Assert.Contains(id, known));
        using var after = await bed.Http.PostAsync(new Uri($"/companies/{bystanderId}/data/queue/customers", UriKind.Relative), null);
        Assert.True(after.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"after the outage: {(int)after.StatusCode}");
        using var readyAfter = await bed.Http.GetAsync(new Uri("/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
    }

    /// <summary>For every data type: data status, the pull operation in history and a read of the data say the same.</summary>
    internal static async Task AssertOneViewAsync(AgentTestBed bed, string companyId)
    {
        var status = await bed.DataStatusAsync(companyId);
        foreach (var dataType in DataTypeNames.All)
        {
            var entry = status[dataType]!;
            Assert.Equal("Complete", entry["currentStatus"]!.GetValue<string>());
            var datasetId = entry["latestSyncId"]!.GetValue<string>();
            Assert.Equal(datasetId, entry["latestSuccessfulSyncId"]!.GetValue<string>());
            var operation = await bed.OperationAsync(companyId, datasetId);
            Assert.True(operation["status"]!.GetValue<string>() == "Complete", $"{dataType}: history says {operation}");
            var count = entry["recordCount"]!.GetValue<long>();
            Assert.Equal(count, RecordCount(operation));
            using var read = await bed.Http.GetAsync(new Uri($"/companies/{companyId}/data/{dataType}?page=1&pageSize=1", UriKind.Relative));
            var body = await read.Content.ReadAsStringAsync();
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{dataType}: read answered {(int)read.StatusCode}: {body}");
            Assert.True(count == JsonNode.Parse(body)!["totalResults"]!.GetValue<long>(), $"{dataType}: status counts {count}, read says {body}");
        }
    }

    private static void AssertNoLine(string[] lines, Func<string, bool> bad)
    {
        var at = Array.FindIndex(lines, l => bad(l));
        Assert.True(at < 0, at < 0 ? null : string.Join('\n', lines.Skip(Math.Max(0, at - 3)).Take(12)));
    }

    private static string?[] States(JsonNode status) =>
        DataTypeNames.All.Select(t => status[t]?["currentStatus"]?.GetValue<string>()).ToArray();
}
