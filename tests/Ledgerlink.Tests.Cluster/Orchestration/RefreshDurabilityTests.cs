using System.Net;
using System.Text.Json.Nodes;
using Ledgerlink.Connectors;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>
/// A refresh is answered after exactly one conditional write, its company's: its record carries the whole request, the
/// pull operation writes nothing until it first moves, and the StartPull reaches the connector one-way. Answered 200, it
/// is never lost; failed, it is never half-visible. A <see cref="GrainStateTap"/> in the silo's grain storage counts,
/// holds and breaks the writes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RefreshDurabilityTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_refresh_is_answered_after_its_companys_one_write_without_waiting_for_the_connector()
    {
        var tap = new GrainStateTap();
        var settings = RunningSilo.Configure(azurite.ConnectionString);
        await using var silo = await RunningSilo.StartAsync(settings, services: GrainStateTap.Install(tap, azurite.ConnectionString));
        using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        var companyId = await IntegratorCompanies.CreateAsync(http, "One Write Ltd");
        await using var agent = await ScriptedAgent.ConnectAsync(silo);
        await agent.RegisterAndHelloAsync();
        Assert.True((await agent.LinkAsync(companyId, await IntegratorLinkCode.NewAsync(http, companyId))).Linked);

        // The connector's outbox write waits: if the refresh waited for it, the answer would not come.
        tap.HoldWrite = GrainStateTap.IsConnector;
        tap.Clear();
        JsonNode queued;
        using (var response = await http.PostAsync(new Uri($"/companies/{companyId}/data/queue/customers", UriKind.Relative), null).WaitAsync(Patience))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            queued = await response.JsonAsync();
        }

        var beforeAnswer = tap.Completed;
        var writes = beforeAnswer.Where(r => r.Method == "PUT").ToArray();
        Assert.True(writes.Length == 1 && GrainStateTap.IsCompany(writes[0].Blob), $"storage requests before the answer: {GrainStateTap.Describe(beforeAnswer)}");
        Assert.DoesNotContain(beforeAnswer, r => GrainStateTap.IsPullOperation(r.Blob));

        // Read back, a queued refresh looks as it always did.
        var id = queued["id"]!.GetValue<string>();
        var one = await http.GetJsonAsync($"/companies/{companyId}/data/history/{id}");
        Assert.Equal(("Queued", "customers", companyId), (one["status"]!.GetValue<string>(), one["dataType"]!.GetValue<string>(), one["companyId"]!.GetValue<string>()));
        Assert.Equal(queued.ToJsonString(), one.ToJsonString());
        var history = await http.GetJsonAsync($"/companies/{companyId}/data/history");
        Assert.Equal(id, Assert.Single(history["results"]!.AsArray())!["id"]!.GetValue<string>());

        // Once the connector has written its outbox the agent gets the StartPull, and the refresh runs.
        tap.ReleaseHeld();
        var command = await agent.NextCommandAsync(Patience);
        Assert.Equal((AgentCommandKind.StartPull, id), (command.Kind, command.PullOperationId));
        await agent.RunPullAsync(id, ScriptedAgent.Records("customers", 3));
        var done = await http.GetJsonAsync($"/companies/{companyId}/data/history/{id}");
        Assert.Equal(("Complete", 3L), (done["status"]!.GetValue<string>(), done["recordCount"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_refresh_whose_write_fails_is_refused_leaves_no_trace_and_can_be_sent_again()
    {
        var tap = new GrainStateTap();
        await using var silo = await RunningSilo.StartAsync(
            RunningSilo.Configure(azurite.ConnectionString), services: GrainStateTap.Install(tap, azurite.ConnectionString));
        using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        var companyId = await IntegratorCompanies.CreateAsync(http, "Write Fails Ltd");
        await IntegratorLinkCode.NewAsync(http, companyId);
        var statusBefore = (await http.GetJsonAsync($"/companies/{companyId}/dataStatus")).ToJsonString();

        tap.FailWrite = GrainStateTap.IsCompany;
        using (var refused = await http.PostAsync(new Uri($"/companies/{companyId}/data/queue/invoices", UriKind.Relative), null))
        {
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, await refused.Content.ReadAsStringAsync());
        }

        tap.FailWrite = null;
        Assert.Equal(0, (await http.GetJsonAsync($"/companies/{companyId}/data/history"))["totalResults"]!.GetValue<int>());
        Assert.Equal(statusBefore, (await http.GetJsonAsync($"/companies/{companyId}/dataStatus")).ToJsonString());

        using var retried = await http.PostAsync(new Uri($"/companies/{companyId}/data/queue/invoices", UriKind.Relative), null);
        Assert.True(retried.StatusCode == HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
        var id = (await retried.JsonAsync())["id"]!.GetValue<string>();
        var history = await http.GetJsonAsync($"/companies/{companyId}/data/history");
        Assert.Equal(id, Assert.Single(history["results"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal("Queued", (await http.GetJsonAsync($"/companies/{companyId}/dataStatus"))["invoices"]!["currentStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refresh_written_by_a_silo_that_died_before_answering_is_seen_and_runs_after_a_restart()
    {
        var tap = new GrainStateTap();
        var settings = RunningSilo.Configure(azurite.ConnectionString);
        string companyId;
        Ledgerlink.Agents.AgentCredential credential;
        await using (var silo = await RunningSilo.StartAsync(settings, services: GrainStateTap.Install(tap, azurite.ConnectionString)))
        {
            using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
            companyId = await IntegratorCompanies.CreateAsync(http, "Lost Answer Ltd");
            await using var agent = await ScriptedAgent.ConnectAsync(silo);
            await agent.RegisterAndHelloAsync();
            credential = agent.Credential;
            Assert.True((await agent.LinkAsync(companyId, await IntegratorLinkCode.NewAsync(http, companyId))).Linked);

            // The company's write reaches storage; then its silo is gone before it answers or sends the StartPull.
            tap.LoseWriteAnswer = GrainStateTap.IsCompany;
            using (var lost = await http.PostAsync(new Uri($"/companies/{companyId}/data/queue/suppliers", UriKind.Relative), null))
            {
                Assert.NotEqual(HttpStatusCode.OK, lost.StatusCode);
            }

            tap.LoseWriteAnswer = null;
        }

        await using var restarted = await RunningSilo.StartAsync(settings);
        using var integrator = restarted.CreateHttpClient(TestApiKeys.IntegratorA);
        var seen = Assert.Single((await integrator.GetJsonAsync($"/companies/{companyId}/data/history"))["results"]!.AsArray())!;
        Assert.Equal(("suppliers", "Queued"), (seen["dataType"]!.GetValue<string>(), seen["status"]!.GetValue<string>()));
        var id = seen["id"]!.GetValue<string>();

        // The agent comes back; its connector, hearing it, asks the company for its queued StartPulls.
        await using var client = await ScriptedAgent.ConnectAsync(restarted);
        await using var returning = ScriptedAgent.With(client.Client, credential);
        await returning.HelloAsync();
        await Eventually.ValueAsync(
            returning.HeartbeatAsync,
            session => session.Commands.Any(c => c.Kind == AgentCommandKind.StartPull && c.PullOperationId == id),
            Patience,
            "the written refresh's StartPull to reach the returning agent");
        await returning.RunPullAsync(id, ScriptedAgent.Records("suppliers", 2));
        var done = await integrator.GetJsonAsync($"/companies/{companyId}/data/history/{id}");
        Assert.Equal(("Complete", 2L), (done["status"]!.GetValue<string>(), done["recordCount"]!.GetValue<long>()));
    }
}
