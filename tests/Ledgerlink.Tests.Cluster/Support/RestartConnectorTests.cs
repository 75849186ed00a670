using System.Net;
using System.Net.Http.Json;
using Ledgerlink.Agents;
using Ledgerlink.Connectors;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Support;

/// <summary>
/// Restart connector: support enables the link or asks remotely; when the agent reports it is restarting, every sync it
/// was given is cancelled with the reason, and work queued meanwhile runs once it is back.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class RestartConnectorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_restart_cancels_running_syncs_with_the_reason_and_queued_work_runs_after_the_agent_reconnects()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (companyA, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorA, "Busy Ltd");
        var (companyB, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorB, "Also Served Ltd");
        var credential = scenario.Agent.Credential!;

        // With the link off and no request from support, the agent may not restart the connector.
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => scenario.Agent.Gateway.ReportRestarting(credential, "pressed too early"));

        using (var enable = await scenario.Support.PutAsJsonAsync($"/support/connectors/{scenario.ConnectorId}/restart-link", new { enabled = true }))
        {
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        }

        Assert.True((await scenario.Agent.HeartbeatAsync()).RestartLinkEnabled);

        // One sync running with a batch stored, one sent to the agent but not started, for two companies.
        var running = await SupportScenario.QueueAsync(scenario.IntegratorA, companyA, "invoices");
        var waiting = await SupportScenario.QueueAsync(scenario.IntegratorB, companyB, "bills");
        await scenario.NextCommandAsync(AgentCommandKind.StartPull, running);
        await scenario.NextCommandAsync(AgentCommandKind.StartPull, waiting);
        var resume = await scenario.Agent.Gateway.StartPull(credential, running);
        Assert.True((await scenario.Agent.Gateway.AppendBatch(
            resume.Lease, ScriptedAgent.Batch(resume.NextSequence, SupportScenario.Records("invoices", 3)))).Accepted);

        const string reason = "The user pressed Restart connector.";
        Assert.Equal(2, await scenario.Agent.Gateway.ReportRestarting(credential, reason));

        foreach (var (integrator, companyId, datasetId) in new[] { (scenario.IntegratorA, companyA, running), (scenario.IntegratorB, companyB, waiting) })
        {
            var operation = await SupportScenario.PullOperationAsync(integrator, companyId, datasetId);
            Assert.Equal("Cancelled", operation["status"]!.GetValue<string>());
            var description = operation["statusDescription"]!.GetValue<string>();
            Assert.Contains("connector restarted", description, StringComparison.Ordinal);
            Assert.Contains(reason, description, StringComparison.Ordinal);
        }

        // The cancelled sync cannot be finished by the agent on its way down.
        Assert.False((await scenario.Agent.Gateway.AppendBatch(
            resume.Lease, ScriptedAgent.Batch(1, SupportScenario.Records("invoices", 1)))).Accepted);

        // (Presence is not asserted: a doorbell heartbeat of this scripted agent may still be in flight.)
        var down = await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}");
        Assert.Empty(down["runningSyncs"]!.AsArray());

        // Work asked for while the agent is restarting waits, then runs after its hello.
        var afterRestart = await SupportScenario.QueueAsync(scenario.IntegratorA, companyA, "invoices");
        var session = await scenario.Agent.HelloAsync();
        Assert.Contains(session.Commands, c => c.Kind == AgentCommandKind.StartPull && c.PullOperationId == afterRestart);
        Assert.DoesNotContain(session.Commands, c => c.Kind == AgentCommandKind.StartPull && (c.PullOperationId == running || c.PullOperationId == waiting));
        await scenario.NextCommandAsync(AgentCommandKind.StartPull, afterRestart);
        var completed = await scenario.Agent.RunPullAsync(afterRestart, SupportScenario.Records("invoices", 7));
        Assert.Equal(Ledgerlink.PullOperations.PullOperationStatus.Complete, completed.Status);
        var status = await scenario.IntegratorA.GetJsonAsync($"/companies/{companyA}/dataStatus");
        Assert.Equal((afterRestart, "Complete"),
            (status["invoices"]!["latestSuccessfulSyncId"]!.GetValue<string>(), status["invoices"]!["currentStatus"]!.GetValue<string>()));

        var audit = (await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}/audit"))["results"]!.AsArray();
        var restarts = audit.Where(e => e!["action"]!.GetValue<string>() == "connector.restarting").ToArray();
        Assert.Equal(["Succeeded", "Refused"], restarts.Select(e => e!["result"]!.GetValue<string>()));
        Assert.All(restarts, e => Assert.Equal(("Agent", scenario.ConnectorId),
            (e!["who"]!["kind"]!.GetValue<string>(), e["who"]!["id"]!.GetValue<string>())));
        Assert.Contains("2 syncs cancelled", restarts[0]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_can_restart_an_online_connector_remotely_even_with_the_link_off()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (companyId, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorA, "Remote Ltd");
        var credential = scenario.Agent.Credential!;
        var datasetId = await SupportScenario.QueueAsync(scenario.IntegratorA, companyId, "customers");
        await scenario.NextCommandAsync(AgentCommandKind.StartPull, datasetId);
        await scenario.Agent.Gateway.StartPull(credential, datasetId);

        using (var restart = await scenario.Support.PostAsync(new Uri($"/support/connectors/{scenario.ConnectorId}/restart", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
            Assert.True((await restart.JsonAsync())["restartRequested"]!.GetValue<bool>());
        }

        // The command reaches the agent through its doorbell.
        var command = await scenario.NextCommandAsync(AgentCommandKind.Restart);
        Assert.Contains(SupportScenario.KeyIdOf(TestApiKeys.Support), command.Reason, StringComparison.Ordinal);

        // Acting on it is allowed once, although the link is off.
        Assert.Equal(1, await scenario.Agent.Gateway.ReportRestarting(credential, command.Reason!));
        var operation = await SupportScenario.PullOperationAsync(scenario.IntegratorA, companyId, datasetId);
        Assert.Equal("Cancelled", operation["status"]!.GetValue<string>());
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => scenario.Agent.Gateway.ReportRestarting(credential, "again"));

        // While the agent is away a remote restart is refused: there is nothing running to restart.
        using (var offline = await scenario.Support.PostAsync(new Uri($"/support/connectors/{scenario.ConnectorId}/restart", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, offline.StatusCode);
            Assert.Contains("offline", (await offline.JsonAsync())["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var session = await scenario.Agent.HelloAsync();
        Assert.DoesNotContain(session.Commands, c => c.Kind == AgentCommandKind.Restart);

        var audit = (await scenario.Support.GetJsonAsync($"/support/audit?connectorId={scenario.ConnectorId}"))["results"]!.AsArray();
        var requests = audit.Where(e => e!["action"]!.GetValue<string>() == "connector.restart").ToArray();
        Assert.Equal(["Refused", "Succeeded"], requests.Select(e => e!["result"]!.GetValue<string>()));
        Assert.All(requests, e => Assert.Equal(("ApiKey", "Support"),
            (e!["who"]!["kind"]!.GetValue<string>(), e["who"]!["role"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_restart_cancels_a_paused_company_running_sync_but_keeps_its_unsent_refresh_for_after_resume()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (companyId, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorA, "Paused Mid Sync Ltd");
        var credential = scenario.Agent.Credential!;
        using (var enable = await scenario.Support.PutAsJsonAsync($"/support/connectors/{scenario.ConnectorId}/restart-link", new { enabled = true }))
        {
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        }

        var running = await SupportScenario.QueueAsync(scenario.IntegratorA, companyId, "payments");
        await scenario.NextCommandAsync(AgentCommandKind.StartPull, running);
        await scenario.Agent.Gateway.StartPull(credential, running);
        await scenario.Agent.Gateway.PauseCompany(credential, companyId);
        var held = await SupportScenario.QueueAsync(scenario.IntegratorA, companyId, "suppliers");

        Assert.Equal(1, await scenario.Agent.Gateway.ReportRestarting(credential, "The user pressed Restart connector."));
        Assert.Equal("Cancelled", (await SupportScenario.PullOperationAsync(scenario.IntegratorA, companyId, running))["status"]!.GetValue<string>());
        Assert.Equal("Queued", (await SupportScenario.PullOperationAsync(scenario.IntegratorA, companyId, held))["status"]!.GetValue<string>());

        Assert.DoesNotContain((await scenario.Agent.HelloAsync()).Commands, c => c.PullOperationId == held);
        await scenario.Agent.Gateway.ResumeCompany(credential, companyId);
        await scenario.NextCommandAsync(AgentCommandKind.StartPull, held);
        Assert.Equal(Ledgerlink.PullOperations.PullOperationStatus.Complete,
            (await scenario.Agent.RunPullAsync(held, SupportScenario.Records("suppliers", 2))).Status);
    }

    [Fact]
    public async Task A_support_restart_request_is_dropped_when_a_new_agent_process_says_hello()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var credential = scenario.Agent.Credential!;
        using (var restart = await scenario.Support.PostAsync(new Uri($"/support/connectors/{scenario.ConnectorId}/restart", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        }

        // The agent restarted by other means (it was run again): its new process says hello before acting on the request.
        var observer = scenario.Agent.Client.CreateObjectReference<IAgentObserver>(scenario.Agent);
        var session = await scenario.Agent.Gateway.Hello(
            credential, new AgentHello(Environment.MachineName, "test-agent", Environment.ProcessId + 1), observer);
        Assert.DoesNotContain(session.Commands, c => c.Kind == AgentCommandKind.Restart);
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => scenario.Agent.Gateway.ReportRestarting(credential, "stale request"));

        var lookup = await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}");
        Assert.Equal(Environment.ProcessId + 1, lookup["processId"]!.GetValue<int>());
    }
}
