using System.Net;
using Ledgerlink.Agents;
using Ledgerlink.Connectors;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>
/// The connector pushes a StartPull to its agent before writing it to its outbox, so the write is off the command's way
/// to the agent. What keeps that safe: the agent's StartPull is answered only after the write (the connector takes one
/// call at a time), and a Queued pull starts only while the connector durably holds its StartPull. A
/// <see cref="GrainStateTap"/> in the silo's grain storage holds, breaks and loses the answers of the connector's writes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PushBeforeWriteTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_StartPull_reaches_the_agent_during_the_outbox_write_and_starts_only_after_it()
    {
        var tap = new GrainStateTap();
        await using var silo = await StartSiloAsync(tap);
        var (http, companyId, agent) = await LinkedAgentAsync(silo, "Held Write Ltd");
        await using var _ = agent;
        using var __ = http;

        tap.HoldWrite = GrainStateTap.IsConnector;
        tap.Clear();
        var id = await QueueAsync(http, companyId, "customers");

        // The push does not wait for the held write.
        var command = await agent.NextCommandAsync(Patience);
        Assert.Equal((AgentCommandKind.StartPull, id), (command.Kind, command.PullOperationId));
        Assert.DoesNotContain(tap.Completed, r => GrainStateTap.IsConnector(r.Blob) && r.Method == "PUT");

        // The agent's StartPull waits for it: an unanswered second here is a StartPull queued behind the write (one that
        // did not wait would be answered in milliseconds, by a pull operation that had started outside the outbox).
        var start = agent.StartPullAsync(id);
        Assert.NotSame(start, await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(1))));

        tap.ReleaseHeld();
        Assert.True((await start.WaitAsync(Patience)).ContinueSync);
        var requests = tap.Completed.ToList();
        var outboxWritten = requests.FindIndex(r => GrainStateTap.IsConnector(r.Blob) && r.Method == "PUT");
        var pullWritten = requests.FindIndex(r => GrainStateTap.IsPullOperation(r.Blob) && r.Method == "PUT");
        Assert.True(outboxWritten >= 0 && (pullWritten < 0 || outboxWritten < pullWritten), $"storage requests: {GrainStateTap.Describe(requests)}");

        await agent.RunPullAsync(id, ScriptedAgent.Records("customers", 2));
        Assert.Equal("Complete", await StatusAsync(http, companyId, id));
    }

    [Fact]
    public async Task A_pushed_StartPull_whose_outbox_write_failed_is_refused_then_sent_again_and_runs()
    {
        var tap = new GrainStateTap();
        await using var silo = await StartSiloAsync(tap);
        var (http, companyId, agent) = await LinkedAgentAsync(silo, "Failed Write Ltd");
        await using var _ = agent;
        using var __ = http;

        tap.FailWrite = GrainStateTap.IsConnector;
        var id = await QueueAsync(http, companyId, "invoices");
        Assert.Equal(id, (await agent.NextCommandAsync(Patience)).PullOperationId);

        // Storage never saw the StartPull: the agent may not start the pull, and nothing about the refresh changed.
        var refused = await Assert.ThrowsAsync<AgentAccessDeniedException>(() => agent.StartPullAsync(id));
        Assert.Contains("outbox", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Queued", await StatusAsync(http, companyId, id));
        Assert.DoesNotContain((await Connector(silo, agent.ConnectorId).GetInfo())!.PendingCommands, c => c.PullOperationId == id);

        // The connector, hearing its agent again, asks the company for its queued StartPulls; this time the write holds.
        tap.FailWrite = null;
        await Eventually.ValueAsync(
            agent.HeartbeatAsync,
            session => session.Commands.Any(c => c.Kind == AgentCommandKind.StartPull && c.PullOperationId == id),
            Patience,
            "the StartPull to be sent again and held by the outbox");
        await agent.RunPullAsync(id, ScriptedAgent.Records("invoices", 3));
        Assert.Equal("Complete", await StatusAsync(http, companyId, id));
    }

    [Fact]
    public async Task A_pushed_StartPull_whose_outbox_write_reached_storage_but_lost_its_answer_starts()
    {
        var tap = new GrainStateTap();
        await using var silo = await StartSiloAsync(tap);
        var (http, companyId, agent) = await LinkedAgentAsync(silo, "Lost Answer Outbox Ltd");
        await using var _ = agent;
        using var __ = http;

        tap.LoseWriteAnswer = GrainStateTap.IsConnector;
        var id = await QueueAsync(http, companyId, "suppliers");
        Assert.Equal(id, (await agent.NextCommandAsync(Patience)).PullOperationId);

        // The activation that saw the failure is gone; the next one reads the outbox storage holds, StartPull and all.
        tap.LoseWriteAnswer = null;
        await agent.RunPullAsync(id, ScriptedAgent.Records("suppliers", 1));
        Assert.Equal("Complete", await StatusAsync(http, companyId, id));
    }

    private async Task<RunningSilo> StartSiloAsync(GrainStateTap tap) =>
        await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString), services: GrainStateTap.Install(tap, azurite.ConnectionString));

    private static async Task<(HttpClient Http, string CompanyId, ScriptedAgent Agent)> LinkedAgentAsync(RunningSilo silo, string name)
    {
        var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        var companyId = await IntegratorCompanies.CreateAsync(http, name);
        var agent = await ScriptedAgent.ConnectAsync(silo, takesPushedCommands: true);
        await agent.RegisterAndHelloAsync();
        Assert.True((await agent.LinkAsync(companyId, await IntegratorLinkCode.NewAsync(http, companyId))).Linked);
        return (http, companyId, agent);
    }

    private static async Task<string> QueueAsync(HttpClient http, string companyId, string dataType)
    {
        using var response = await http.PostAsync(new Uri($"/companies/{companyId}/data/queue/{dataType}", UriKind.Relative), null).WaitAsync(Patience);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync())["id"]!.GetValue<string>();
    }

    private static async Task<string> StatusAsync(HttpClient http, string companyId, string id) =>
        (await http.GetJsonAsync($"/companies/{companyId}/data/history/{id}"))["status"]!.GetValue<string>();

    private static IConnectorGrain Connector(RunningSilo silo, string connectorId) => silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IConnectorGrain>(connectorId);
}
