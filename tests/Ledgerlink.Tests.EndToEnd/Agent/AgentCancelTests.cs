using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Agent;

[Collection(AzuriteCollection.Name)]
public sealed class AgentCancelTests(AzuriteFixture azurite, LargeDemoCompanyFixture company) : IClassFixture<LargeDemoCompanyFixture>
{
    [Fact]
    public async Task Cancel_mid_sync_stops_the_agent_and_leaves_the_previous_dataset_committed()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var companyId = await bed.CreateCompanyAsync("Large Joinery Ltd");
        var agent = bed.Agent(settings: new Dictionary<string, string?> { ["Ledgerlink:Agent:BatchBytes"] = "32768" });
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), company.Location.DataDirectory, company.Location.UserName, company.Location.Password);
        Assert.True(link.ExitCode == 0, link.StandardError);

        var firstId = (await bed.QueueAsync(companyId, DataTypeNames.JournalEntries))["id"]!.GetValue<string>();
        var first = await bed.WaitForOperationAsync(companyId, firstId, IsFinished, "the first sync", running);
        Assert.Equal("Complete", first["status"]!.GetValue<string>());
        var before = await bed.CommittedAsync(companyId, DataTypeNames.JournalEntries);
        var beforeRecords = await bed.ReadCommittedAsync(before!);

        // Nothing changed in Sage, so an ordinary second sync would be an empty delta: ask for a full one to cancel halfway.
        var secondId = (await bed.QueueAsync(companyId, DataTypeNames.JournalEntries, fullSync: true))["id"]!.GetValue<string>();
        await bed.WaitForOperationAsync(companyId, secondId,
            o => o["status"]!.GetValue<string>() == "Fetching" && o["recordCount"]!.GetValue<long>() > 0, "the second sync to be part-stored", running);
        using (var cancel = await bed.Http.PostAsync(new Uri($"/companies/{companyId}/data/history/{secondId}/cancel", UriKind.Relative), null))
        {
            Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        }

        var cancelled = await bed.WaitForOperationAsync(companyId, secondId, IsFinished, "the cancel", running);
        Assert.Equal("Cancelled", cancelled["status"]!.GetValue<string>());

        // The agent stops reading at once and sends nothing more.
        await Eventually.ValueAsync(
            () => Task.FromResult(running.Lines.Any(l => l.Contains($"Pull {secondId} stopped", StringComparison.Ordinal))),
            stopped => stopped, AgentTestBed.Patience, $"the agent to stop the cancelled pull\n{running.Tail()}");
        var after = await bed.OperationAsync(companyId, secondId);
        Assert.Equal("Cancelled", after["status"]!.GetValue<string>());
        Assert.Equal(cancelled["recordCount"]!.GetValue<long>(), after["recordCount"]!.GetValue<long>());
        Assert.DoesNotContain(running.Lines, l => l.Contains(secondId, StringComparison.Ordinal) && l.Contains("complete", StringComparison.Ordinal));

        var now = await bed.CommittedAsync(companyId, DataTypeNames.JournalEntries);
        Assert.NotNull(now);
        Assert.Equal(firstId, now.DatasetId);
        Assert.Equal(AgentTestBed.Sha256(beforeRecords), AgentTestBed.Sha256(await bed.ReadCommittedAsync(now)));
        Assert.Equal(AgentTestBed.Sha256(await company.JournalEntriesAsync()), AgentTestBed.Sha256(beforeRecords));
    }

    private static bool IsFinished(JsonNode operation) => operation["status"]!.GetValue<string>() is not ("Queued" or "Fetching");
}
