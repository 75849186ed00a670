using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Agent;

/// <summary>
/// The real agent declares that it takes pushed commands, and a StartPull pushed with the doorbell goes straight to its
/// pull scheduler. The silo's heartbeat interval here is ten minutes, so after its hello the agent does not fetch on
/// its own: a refresh that runs came by push, or by a ring and a fetch, which is what the agent falls back to when its
/// session does not take pushes (and then it would not log one).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentPushedCommandTests(AzuriteFixture azurite)
{
    private const string Pushed = "The cluster pushed 1 commands";

    [Fact]
    public async Task A_refresh_reaches_the_running_agent_as_a_pushed_StartPull_and_runs()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, [new("Ledgerlink:Grains:HeartbeatInterval", "00:10:00")]);
        var companyId = await bed.CreateCompanyAsync("Pushed Command Bakery Ltd");
        var sage = DemoCompanyGenerator.LocationOf(DemoCompanyGenerator.Generate(bed.NewFolder("sage"), new DemoCompanyOptions(300, Seed: 5)));
        var agent = bed.Agent();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), sage.DataDirectory, sage.UserName, sage.Password);
        Assert.True(link.ExitCode == 0, link.StandardError + link.StandardOutput);
        await using var running = agent.Run();

        // Queued once the agent is connected: a refresh queued before would come with its hello's answer.
        await Eventually.ValueAsync(
            () => Task.FromResult(running.Lines.Any(l => l.Contains("Connected to the cluster as connector", StringComparison.Ordinal))),
            connected => connected,
            AgentTestBed.Patience,
            "the agent to connect");
        Assert.DoesNotContain(running.Lines, l => l.Contains(Pushed, StringComparison.Ordinal));

        var datasetId = (await bed.QueueAsync(companyId, DataTypeNames.Customers))["id"]!.GetValue<string>();
        var done = await bed.WaitForOperationAsync(
            companyId, datasetId, o => o["status"]!.GetValue<string>() is not ("Queued" or "Fetching"), "the refresh to run", running);
        Assert.True(done["status"]!.GetValue<string>() == "Complete", done.ToJsonString());

        await Eventually.ValueAsync(
            () => Task.FromResult(running.Lines.Count(l => l.Contains(Pushed, StringComparison.Ordinal))),
            pushes => pushes == 1,
            AgentTestBed.Patience,
            $"the agent to log the pushed StartPull\n{running.Tail()}");
        Assert.Contains(running.Lines, l => l.Contains($"pull operation {datasetId} ({DataTypeNames.Customers})", StringComparison.Ordinal));
    }
}
