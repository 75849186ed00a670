using System.Diagnostics;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>A connector is online while heartbeats arrive and offline once enough of them are missed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PresenceTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private const int Missed = 3;

    protected override void Configure(LedgerlinkGrainOptions options)
    {
        options.HeartbeatInterval = Interval;
        options.MissedHeartbeatsBeforeOffline = Missed;
    }

    [Fact]
    public async Task A_connector_stays_online_while_heartbeats_arrive_and_goes_offline_after_missed_ones()
    {
        var agent = await RegisterAgentAsync();
        var connector = Connector(agent.ConnectorId);
        Assert.False(await connector.IsOnline());

        var session = await agent.HelloAsync();
        Assert.Equal(Interval, session.HeartbeatInterval);
        Assert.True(await connector.IsOnline());
        var info = (await connector.GetInfo())!;
        Assert.Equal((true, ScriptedAgent.Hello.MachineName, ScriptedAgent.Hello.AgentVersion, ScriptedAgent.Hello.ProcessId),
            (info.Online, info.MachineName, info.AgentVersion, info.ProcessId));
        Assert.NotNull(info.LastSeen);

        // Heartbeats at the agreed interval keep it online for longer than the offline threshold.
        var online = Stopwatch.StartNew();
        while (online.Elapsed < Interval * Missed * 2)
        {
            await Task.Delay(Interval / 2); // the agent's own pacing, not a synchronisation
            await agent.HeartbeatAsync();
            Assert.True(await connector.IsOnline(), $"offline after {online.Elapsed} despite heartbeats");
        }

        // Silence: it goes offline, and not before the missed heartbeats' worth of time has passed.
        var silence = Stopwatch.StartNew();
        await agent.HeartbeatAsync();
        var wentOffline = await Eventually.HoldsAsync(async () => !await connector.IsOnline(), TimeSpan.FromSeconds(30));
        Assert.True(silence.Elapsed >= Interval * Missed, $"offline after only {silence.Elapsed}");
        Assert.True(wentOffline < TimeSpan.FromSeconds(10));
        Assert.False((await connector.GetInfo())!.Online);

        // One heartbeat brings it back.
        await agent.HeartbeatAsync();
        Assert.True(await connector.IsOnline());
    }
}
