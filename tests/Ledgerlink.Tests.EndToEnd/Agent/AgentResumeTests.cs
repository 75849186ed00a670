using System.Globalization;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Infrastructure;
using static Ledgerlink.Testing.Agent.InterruptedSync;

namespace Ledgerlink.Tests.Agent;

/// <summary>
/// A sync interrupted in the middle (agent process killed, cluster gone for a while) finishes once the agent is back, with every
/// record exactly once: the committed journal is byte for byte what the readers read.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class AgentResumeTests(AzuriteFixture azurite, LargeDemoCompanyFixture company) : IClassFixture<LargeDemoCompanyFixture>
{
    [Fact]
    public async Task Agent_killed_mid_sync_and_started_again_completes_without_losing_or_duplicating_records()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var companyId = await bed.CreateCompanyAsync("Large Joinery Ltd");
        var agent = bed.Agent(settings: LargeDemoCompanyFixture.SmallBatches);
        var first = agent.Run();
        await LinkAsync(agent, company, companyId, bed.LinkCode(companyId));
        var datasetId = (await bed.QueueAsync(companyId, DataTypeNames.JournalEntries))["id"]!.GetValue<string>();

        var midway = await bed.WaitForOperationAsync(companyId, datasetId, IsMidway, "journal entries to be part-stored", first);
        await first.KillAsync();
        var atKill = await bed.OperationAsync(companyId, datasetId);
        Assert.True(atKill["status"]!.GetValue<string>() == "Fetching", $"the sync finished before the kill: {atKill}");
        Assert.True(RecordCount(midway) > 0);

        await using var second = agent.Run();
        var done = await bed.WaitForOperationAsync(companyId, datasetId, IsFinished, "the resumed sync to finish", second);
        Assert.True(done["status"]!.GetValue<string>() == "Complete", done.ToJsonString());
        Assert.True(ResumedFrom(second) > 0, $"the restarted agent did not resume after the stored batches\n{second.Tail()}");
        await AssertCommittedJournalIsExactAsync(bed, company, companyId, datasetId);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Cluster_lost_mid_sync_and_back_later_completes_without_losing_or_duplicating_records()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var companyId = await bed.CreateCompanyAsync("Large Joinery Ltd");
        var agent = bed.Agent(settings: LargeDemoCompanyFixture.SmallBatches);
        await using var running = agent.Run();
        await LinkAsync(agent, company, companyId, bed.LinkCode(companyId));
        var datasetId = (await bed.QueueAsync(companyId, DataTypeNames.JournalEntries))["id"]!.GetValue<string>();

        var midway = await bed.WaitForOperationAsync(companyId, datasetId, IsMidway, "journal entries to be part-stored", running);
        await bed.KillSiloAsync();

        // The agent must notice the loss and keep trying while the cluster is away.
        await Eventually.ValueAsync(
            () => Task.FromResult(running.Lines.Count(l => l.Contains("trying again in", StringComparison.Ordinal))),
            attempts => attempts >= 2, AgentTestBed.Patience, $"the agent to retry while the cluster is down\n{running.Tail()}");
        await bed.StartSiloAgainAsync();

        var done = await bed.WaitForOperationAsync(companyId, datasetId, IsFinished, "the sync to finish after the cluster came back", running);
        Assert.True(done["status"]!.GetValue<string>() == "Complete", done.ToJsonString());
        Assert.True(RecordCount(midway) < RecordCount(done));
        Assert.True(ResumedFrom(running) > 0, $"the agent did not resume after the stored batches\n{running.Tail()}");
        await AssertCommittedJournalIsExactAsync(bed, company, companyId, datasetId);
    }
}
