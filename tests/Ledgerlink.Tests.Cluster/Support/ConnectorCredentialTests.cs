using System.Diagnostics;
using System.Net;
using Ledgerlink.Agents;
using Ledgerlink.Connectors;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Support;

/// <summary>A connector's credential has a lifecycle: support revokes it, the agent rotates it, and no sync is lost to a rotation.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class ConnectorCredentialTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_revoked_connector_is_refused_at_its_next_call_its_running_sync_is_cancelled_and_support_sees_it()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (companyId, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorA, "Stolen Laptop Ltd");
        var running = await SupportScenario.QueueAsync(scenario.IntegratorA, companyId, "invoices");
        await scenario.NextCommandAsync(AgentCommandKind.StartPull, running);
        var credential = scenario.Agent.Credential!;
        var resume = await scenario.Agent.Gateway.StartPull(credential, running);
        Assert.True((await scenario.Agent.Gateway.AppendBatch(resume.Lease, ScriptedAgent.Batch(0, SupportScenario.Records("invoices", 2)))).Accepted);

        var clock = Stopwatch.StartNew();
        using (var revoke = await scenario.Support.PostJsonAsync($"/support/connectors/{scenario.ConnectorId}/revoke",
                   new { reason = "The PC was stolen." }))
        {
            var body = await revoke.JsonAsync();
            Assert.True(revoke.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal(1, body["cancelledSyncs"]!.GetValue<int>());
        }

        // Every door is shut at once: the session, the pull in flight, and a new start.
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => scenario.Agent.HeartbeatAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"refused only after {clock.Elapsed}");
        Assert.False((await scenario.Agent.Gateway.AppendBatch(resume.Lease, ScriptedAgent.Batch(1, SupportScenario.Records("invoices", 1)))).Accepted);
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => scenario.Agent.Gateway.StartPull(credential, running));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => scenario.Agent.Gateway.Register(ScriptedAgent.Hello));

        var operation = await SupportScenario.PullOperationAsync(scenario.IntegratorA, companyId, running);
        Assert.Equal("Cancelled", operation["status"]!.GetValue<string>());
        Assert.Contains("The PC was stolen.", operation["statusDescription"]!.GetValue<string>(), StringComparison.Ordinal);

        var audit = await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}/audit");
        var entry = Assert.Single(audit["results"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "connector.revoke");
        Assert.Equal("Succeeded", entry!["result"]!.GetValue<string>());

        using var unknown = await scenario.Support.PostAsync(new Uri("/support/connectors/agent-nobody/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var asIntegrator = await scenario.IntegratorA.PostAsync(new Uri($"/support/connectors/{scenario.ConnectorId}/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Forbidden, asIntegrator.StatusCode);
    }

    [Fact]
    public async Task A_rotated_secret_replaces_the_old_one_once_used_and_a_sync_in_flight_completes()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (companyId, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorA, "Rotating Ltd");
        var running = await SupportScenario.QueueAsync(scenario.IntegratorA, companyId, "customers");
        await scenario.NextCommandAsync(AgentCommandKind.StartPull, running);
        var old = scenario.Agent.Credential!;
        var resume = await scenario.Agent.Gateway.StartPull(old, running);
        Assert.False((await scenario.Agent.HeartbeatAsync()).RotateSecret);

        using (var ask = await scenario.Support.PostAsync(new Uri($"/support/connectors/{scenario.ConnectorId}/rotate-secret", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, ask.StatusCode);
        }

        Assert.True((await scenario.Agent.HeartbeatAsync()).RotateSecret);
        var rotated = await scenario.Agent.Gateway.RotateSecret(old);
        Assert.NotEqual(old.Secret, rotated.Secret);
        var renewed = old with { Secret = rotated.Secret };

        // Until the new secret is used the old one still works, so a lost answer locks nobody out...
        Assert.True((await scenario.Agent.Gateway.Heartbeat(old, scenario.Agent.Observer)).RotateSecret);

        // ...and the sync in flight carries on under its lease across the rotation.
        Assert.True((await scenario.Agent.Gateway.AppendBatch(resume.Lease, ScriptedAgent.Batch(0, SupportScenario.Records("customers", 3)))).Accepted);
        Assert.False((await scenario.Agent.Gateway.Heartbeat(renewed, scenario.Agent.Observer)).RotateSecret);
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => scenario.Agent.Gateway.Heartbeat(old, scenario.Agent.Observer));
        Assert.True((await scenario.Agent.Gateway.AppendBatch(resume.Lease, ScriptedAgent.Batch(1, SupportScenario.Records("customers", 2)))).Accepted);
        Assert.True((await scenario.Agent.Gateway.CompletePull(resume.Lease, 5)).IsCompleted);
        Assert.Equal("Complete", (await SupportScenario.PullOperationAsync(scenario.IntegratorA, companyId, running))["status"]!.GetValue<string>());

        var audit = await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}/audit");
        Assert.Contains(audit["results"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "connector.rotateSecret");
    }
}
