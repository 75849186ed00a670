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
/// The network between agent and cluster cut in the middle of a sync and restored later: both processes keep running, only
/// the TCP connections die (a proxy on the gateway port the silo advertises, forwarding to the port it listens on). The
/// sync finishes once the network is back, with every record exactly once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentNetworkCutTests(AzuriteFixture azurite, LargeDemoCompanyFixture company) : IClassFixture<LargeDemoCompanyFixture>
{
    [Fact]
    public async Task Network_cut_mid_sync_and_restored_completes_without_losing_or_duplicating_records()
    {
        var advertisedPort = AzuriteServer.FreeTcpPort();
        var listeningPort = AzuriteServer.FreeTcpPort();
        await using var proxy = TcpProxy.Start(advertisedPort, listeningPort);
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, [
            new("Ledgerlink:Clustering:GatewayPort", advertisedPort.ToString(CultureInfo.InvariantCulture)),
            new("Ledgerlink:Clustering:GatewayListeningPort", listeningPort.ToString(CultureInfo.InvariantCulture)),
        ]);
        var companyId = await bed.CreateCompanyAsync("Large Joinery Ltd");
        var agent = bed.Agent(settings: LargeDemoCompanyFixture.SmallBatches);
        Assert.Equal($"127.0.0.1:{advertisedPort}", agent.Gateway);
        await using var running = agent.Run();
        await LinkAsync(agent, company, companyId, bed.LinkCode(companyId));
        var datasetId = (await bed.QueueAsync(companyId, DataTypeNames.JournalEntries))["id"]!.GetValue<string>();

        // Everything so far went through the proxy: the agent has no other way to the cluster.
        var midway = await bed.WaitForOperationAsync(companyId, datasetId, IsMidway, "journal entries to be part-stored", running);
        Assert.True(proxy.AcceptedConnections > 0);
        var retriesBeforeCut = Retries(running);
        await proxy.CutAsync();
        var connectionsAtCut = proxy.AcceptedConnections;
        var atCut = await bed.OperationAsync(companyId, datasetId);
        Assert.True(atCut["status"]!.GetValue<string>() == "Fetching", $"the sync finished before the cut: {atCut}");

        // The agent must notice and keep trying while the network is away; meanwhile nothing reaches the cluster.
        await Eventually.ValueAsync(
            () => Task.FromResult(Retries(running) - retriesBeforeCut),
            attempts => attempts >= 2, AgentTestBed.Patience, $"the agent to retry while the network is cut\n{running.Tail()}");
        var storedWhileCut = RecordCount(await bed.OperationAsync(companyId, datasetId));
        var retriesSoFar = Retries(running);
        await Eventually.ValueAsync(
            () => Task.FromResult(Retries(running) - retriesSoFar),
            attempts => attempts >= 1, AgentTestBed.Patience, $"the agent to retry once more while the network is cut\n{running.Tail()}");
        var stillCut = await bed.OperationAsync(companyId, datasetId);
        Assert.True(RecordCount(stillCut) == storedWhileCut, $"records were stored while the network was cut: {storedWhileCut} then {stillCut}");
        Assert.Equal("Fetching", stillCut["status"]!.GetValue<string>());
        Assert.Equal(connectionsAtCut, proxy.AcceptedConnections);

        await proxy.RestoreAsync();
        var done = await bed.WaitForOperationAsync(companyId, datasetId, IsFinished, "the sync to finish after the network came back", running);
        Assert.True(done["status"]!.GetValue<string>() == "Complete", done.ToJsonString());
        Assert.True(proxy.AcceptedConnections > connectionsAtCut, "the agent did not reconnect through the restored network");
        Assert.True(RecordCount(midway) < RecordCount(done));
        Assert.True(ResumedFrom(running) > 0, $"the agent did not resume after the stored batches\n{running.Tail()}");
        await AssertCommittedJournalIsExactAsync(bed, company, companyId, datasetId);
    }
}
