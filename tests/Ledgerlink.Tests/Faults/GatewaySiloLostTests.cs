using System.Diagnostics;
using System.Globalization;
using System.Net;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Agent;
using Ledgerlink.Tests.Infrastructure;
using static Ledgerlink.Tests.Agent.InterruptedSync;

namespace Ledgerlink.Tests.Faults;

/// <summary>
/// Two silo processes on Azure Table clustering, an agent given both gateways, a sync running: the silo the agent is
/// connected to is killed (SIGKILL). The agent turns to the other gateway within its short response timeout, the
/// surviving silo declares the dead one dead within its short probes, and the sync completes exactly, seconds (not
/// 30 s) after the kill, while the surviving silo's API never answers 500.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class GatewaySiloLostTests(LargeDemoCompanyFixture company) : IClassFixture<LargeDemoCompanyFixture>
{
    /// <summary>Well under the 30 s a lost silo cost before (Orleans' default response timeout).</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Agents_gateway_silo_killed_mid_sync_fails_over_and_completes_exactly_within_seconds()
    {
        await using var azurite = await AzuriteServer.StartOwnedAsync();
        await using var first = await AgentTestBed.StartAsync(azurite.ConnectionString,
        [
            new("Ledgerlink:Clustering:Mode", "AzureTable"),
            new("Ledgerlink:Clustering:TableName", $"silos{Guid.NewGuid():N}"),
        ]);
        var secondSettings = new Dictionary<string, string?>(first.Silo.Settings)
        {
            ["Urls"] = $"http://127.0.0.1:{AzuriteServer.FreeTcpPort()}",
            ["Ledgerlink:Clustering:SiloPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["Ledgerlink:Clustering:GatewayPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
        };
        await using var second = AgentTestBed.Attach(await SiloProcess.StartAsync(secondSettings));

        var companyId = await first.CreateCompanyAsync("Failover Joinery Ltd");
        var agent = first.Agent(settings: new Dictionary<string, string?>(LargeDemoCompanyFixture.SmallBatches)
        {
            ["Ledgerlink:Agent:Gateways:1"] = second.Silo.Gateway,
        });
        await using var running = agent.Run();
        await LinkAsync(agent, company, companyId, first.LinkCode(companyId));
        var datasetId = (await first.QueueAsync(companyId, DataTypeNames.JournalEntries))["id"]!.GetValue<string>();
        var midway = await first.WaitForOperationAsync(companyId, datasetId, IsMidway, "journal entries to be part-stored", running);

        // The agent's gateway: the silo whose gateway port holds its connection (the first, if it holds both).
        var (victim, survivor) = GatewayConnections(second.Silo.GatewayPort) > 0 && GatewayConnections(first.Silo.GatewayPort) == 0
            ? (second, first)
            : (first, second);
        Assert.True(GatewayConnections(victim.Silo.GatewayPort) > 0, "the agent holds no gateway connection to either silo");
        var atKill = RecordCount(await survivor.OperationAsync(companyId, datasetId));
        var clock = Stopwatch.StartNew();
        await victim.Silo.Process.KillAsync();

        // Recovery: batches are stored again, seen through the surviving silo, which must answer 200 or 503 meanwhile.
        var resumed = await HttpJson.EventuallyAsync(
            async () =>
            {
                using var response = await survivor.Http.GetAsync(new Uri($"/companies/{companyId}/data/history/{datasetId}", UriKind.Relative));
                Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"the surviving silo answered 500: {await response.Content.ReadAsStringAsync()}");
                return response.StatusCode == HttpStatusCode.OK ? RecordCount(await response.JsonAsync()) : -1;
            },
            stored => stored > atKill,
            AgentTestBed.Patience, $"batches to be stored again after the kill\n{running.Tail()}");
        var recovery = clock.Elapsed;
        Assert.True(resumed > atKill);

        var done = await survivor.WaitForOperationAsync(companyId, datasetId, IsFinished, "the sync to finish on the surviving silo", running);
        Assert.True(done["status"]!.GetValue<string>() == "Complete", done.ToJsonString());
        Assert.True(RecordCount(midway) < RecordCount(done));
        await AssertCommittedJournalIsExactAsync(survivor, company, companyId, datasetId);
        Assert.True(recovery < RecoveryBound, $"recovery took {recovery.TotalSeconds:0.0} s\n{running.Tail()}");
        Console.WriteLine($"gateway silo killed: sync storing again after {recovery.TotalSeconds:0.0} s");
    }

    /// <summary>Established TCP connections whose local port is <paramref name="port"/> (a silo's gateway: only agents use it).</summary>
    private static int GatewayConnections(int port)
    {
        var hex = port.ToString("X4", CultureInfo.InvariantCulture);
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Skip(0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f.Length > 3 && f[1].EndsWith($":{hex}", StringComparison.Ordinal) && f[3] == "01");
    }
}
