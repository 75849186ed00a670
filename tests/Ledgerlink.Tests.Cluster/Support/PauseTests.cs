using System.Net;
using Ledgerlink.Agents;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Support;

/// <summary>Pause, resume and Sync now, as the agent's UI calls them through the gateway.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class PauseTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_paused_company_keeps_its_refresh_queued_and_unsent_until_it_is_resumed()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (companyId, connectionId) = await scenario.LinkedCompanyAsync(scenario.IntegratorA, "Paused Ltd");
        var credential = scenario.Agent.Credential!;
        Assert.Equal("false", await PausedFlagAsync(scenario, companyId, connectionId));

        await scenario.Agent.Gateway.PauseCompany(credential, companyId);
        var session = await scenario.Agent.HeartbeatAsync();
        Assert.Equal([companyId], session.PausedCompanyIds);
        Assert.Equal("true", await PausedFlagAsync(scenario, companyId, connectionId));
        var company = await scenario.IntegratorA.GetJsonAsync($"/companies/{companyId}");
        Assert.Equal("true", company["dataConnections"]![0]!["connectionInfo"]!["paused"]!.GetValue<string>());

        var datasetId = await SupportScenario.QueueAsync(scenario.IntegratorA, companyId, DataTypeNames.Invoices);

        // Fetching as the agent does gives it nothing for the paused company, and the refresh stays Queued.
        Assert.DoesNotContain((await scenario.Agent.HeartbeatAsync()).Commands, c => c.PullOperationId == datasetId);
        Assert.DoesNotContain((await scenario.Agent.HelloAsync()).Commands, c => c.PullOperationId == datasetId);
        Assert.Equal("Queued", (await SupportScenario.PullOperationAsync(scenario.IntegratorA, companyId, datasetId))["status"]!.GetValue<string>());
        var connector = await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}");
        Assert.True(connector["companies"]![0]!["paused"]!.GetValue<bool>());
        var held = Assert.Single(connector["runningSyncs"]!.AsArray());
        Assert.Equal((datasetId, "Queued", true),
            (held!["id"]!.GetValue<string>(), held["status"]!.GetValue<string>(), held["heldByPause"]!.GetValue<bool>()));

        await scenario.Agent.Gateway.ResumeCompany(credential, companyId);
        var command = await scenario.NextCommandAsync(AgentCommandKind.StartPull, datasetId);
        Assert.Equal(DataTypeNames.Invoices, command.DataType);
        var completed = await scenario.Agent.RunPullAsync(datasetId, SupportScenario.Records("invoices", 4));
        Assert.Equal(Ledgerlink.PullOperations.PullOperationStatus.Complete, completed.Status);
        Assert.Equal("false", await PausedFlagAsync(scenario, companyId, connectionId));
        Assert.Empty((await scenario.Agent.HeartbeatAsync()).PausedCompanyIds);

        var audit = (await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}/audit"))["results"]!.AsArray();
        Assert.Equal(["company.resume", "company.pause"], audit
            .Where(e => e!["who"]!["kind"]!.GetValue<string>() == "Agent")
            .Select(e => e!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Sync_now_refreshes_every_data_type_and_an_agent_may_pause_only_its_own_companies()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (companyId, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorA, "Sync Now Ltd");
        var credential = scenario.Agent.Credential!;

        Assert.Equal(DataTypeNames.All.Count, await scenario.Agent.Gateway.SyncNow(credential, companyId));
        var status = await scenario.IntegratorA.GetJsonAsync($"/companies/{companyId}/dataStatus");
        Assert.All(DataTypeNames.All, type => Assert.Equal("Queued", status[type]!["currentStatus"]!.GetValue<string>()));

        // A company of nobody's, and a company linked to another connector, are refused.
        await using var other = await ScriptedAgent.ConnectAsync(scenario.Silo);
        await other.RegisterAndHelloAsync();
        using var created = await scenario.IntegratorB.PostJsonAsync("/companies", new { name = "Someone Else Ltd" });
        var foreign = (await created.JsonAsync())["id"]!.GetValue<string>();
        Assert.True((await other.LinkAsync(foreign, await IntegratorLinkCode.NewAsync(scenario.IntegratorB, foreign))).Linked);
        foreach (var target in new[] { foreign, Guid.NewGuid().ToString() })
        {
            await Assert.ThrowsAsync<AgentAccessDeniedException>(() => scenario.Agent.Gateway.PauseCompany(credential, target));
            await Assert.ThrowsAsync<AgentAccessDeniedException>(() => scenario.Agent.Gateway.SyncNow(credential, target));
        }

        await Assert.ThrowsAsync<AgentAccessDeniedException>(() =>
            scenario.Agent.Gateway.PauseCompany(new AgentCredential(scenario.ConnectorId, "wrong-secret"), companyId));
        Assert.Empty((await scenario.Agent.HeartbeatAsync()).PausedCompanyIds);
        using var foreignConnection = await scenario.IntegratorB.GetAsync(new Uri($"/companies/{foreign}/connections", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, foreignConnection.StatusCode);
        Assert.Equal("false", (await foreignConnection.JsonAsync())["results"]![0]!["connectionInfo"]!["paused"]!.GetValue<string>());
    }

    private static async Task<string> PausedFlagAsync(SupportScenario scenario, string companyId, string connectionId)
    {
        var connection = await scenario.IntegratorA.GetJsonAsync($"/companies/{companyId}/connections/{connectionId}");
        Assert.Equal(scenario.ConnectorId, connection["connectionInfo"]!["connectorId"]!.GetValue<string>());
        return connection["connectionInfo"]!["paused"]!.GetValue<string>();
    }
}
