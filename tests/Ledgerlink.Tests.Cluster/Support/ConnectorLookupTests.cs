using System.Net;
using System.Net.Http.Json;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Support;

/// <summary>Support looks a connector up by its id and controls its "Restart connector" link.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConnectorLookupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Lookup_shows_the_agent_machine_version_presence_companies_and_running_syncs()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (first, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorA, "First Tenant Ltd");
        var (second, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorB, "Second Tenant Ltd");

        var fetching = await SupportScenario.QueueAsync(scenario.IntegratorA, first, "invoices");
        var queued = await SupportScenario.QueueAsync(scenario.IntegratorB, second, "customers");
        await scenario.NextCommandAsync(Connectors.AgentCommandKind.StartPull, fetching);
        var resume = await scenario.Agent.Gateway.StartPull(scenario.Agent.Credential!, fetching);
        await scenario.Agent.Gateway.ReportProgress(resume.Lease, 40);

        var connector = await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}");
        Assert.Equal(scenario.ConnectorId, connector["id"]!.GetValue<string>());
        Assert.Equal(Environment.MachineName, connector["machineName"]!.GetValue<string>());
        Assert.Equal("test-agent", connector["agentVersion"]!.GetValue<string>());
        Assert.True(connector["online"]!.GetValue<bool>());
        var lastSeen = connector["lastSeen"]!.GetValue<DateTimeOffset>();
        Assert.InRange(lastSeen, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.False(connector["restartLinkEnabled"]!.GetValue<bool>());

        var companies = connector["companies"]!.AsArray()
            .ToDictionary(c => c!["id"]!.GetValue<string>(), c => (c!["name"]!.GetValue<string>(), c["tenantId"]!.GetValue<string>(), c["paused"]!.GetValue<bool>()));
        Assert.Equal(2, companies.Count);
        Assert.Equal(("First Tenant Ltd", TestApiKeys.TenantA, false), companies[first]);
        Assert.Equal(("Second Tenant Ltd", TestApiKeys.TenantB, false), companies[second]);

        var syncs = connector["runningSyncs"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>());
        Assert.Equal(2, syncs.Count);
        Assert.Equal(("invoices", "Fetching", 40, first),
            (syncs[fetching]!["dataType"]!.GetValue<string>(), syncs[fetching]!["status"]!.GetValue<string>(),
             syncs[fetching]!["progress"]!.GetValue<int>(), syncs[fetching]!["companyId"]!.GetValue<string>()));
        Assert.Equal(("customers", "Queued", second),
            (syncs[queued]!["dataType"]!.GetValue<string>(), syncs[queued]!["status"]!.GetValue<string>(),
             syncs[queued]!["companyId"]!.GetValue<string>()));

        // A finished sync is no longer running.
        await scenario.Agent.RunPullAsync(fetching, SupportScenario.Records("invoices", 5));
        var after = await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}");
        Assert.Equal([queued], after["runningSyncs"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));

        var audit = await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}/audit");
        Assert.Equal(2, audit["results"]!.AsArray().Count(e => e!["action"]!.GetValue<string>() == "connector.lookup"
                                                                 && e["result"]!.GetValue<string>() == "Succeeded"));
    }

    [Fact]
    public async Task Enabling_and_disabling_the_restart_link_reaches_the_agent_session()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var path = $"/support/connectors/{scenario.ConnectorId}/restart-link";
        Assert.False((await scenario.Agent.HeartbeatAsync()).RestartLinkEnabled);

        using (var enable = await scenario.Support.PutAsJsonAsync(path, new { enabled = true }))
        {
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
            Assert.True((await enable.JsonAsync())["restartLinkEnabled"]!.GetValue<bool>());
        }

        Assert.True((await scenario.Agent.HeartbeatAsync()).RestartLinkEnabled);
        Assert.True((await scenario.Agent.HelloAsync()).RestartLinkEnabled);
        Assert.True((await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}"))["restartLinkEnabled"]!.GetValue<bool>());

        using (var disable = await scenario.Support.PutAsJsonAsync(path, new { enabled = false }))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        Assert.False((await scenario.Agent.HeartbeatAsync()).RestartLinkEnabled);

        // A body without "enabled" changes nothing and says which field is wrong.
        using (var bad = await scenario.Support.PutAsJsonAsync(path, new { enable = true }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("enabled", (await bad.JsonAsync())["validation"]!["errors"]![0]!["itemId"]!.GetValue<string>());
        }

        Assert.False((await scenario.Agent.HeartbeatAsync()).RestartLinkEnabled);

        var audit = (await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}/audit"))["results"]!.AsArray();
        var changes = audit.Where(e => e!["action"]!.GetValue<string>() == "connector.restartLink").ToArray();

        // Newest first: the refused bad body, then disable, then enable.
        Assert.Equal(["Refused", "Succeeded", "Succeeded"], changes.Select(e => e!["result"]!.GetValue<string>()));
        Assert.Equal(["Restart link disabled.", "Restart link enabled."], changes.Skip(1).Select(e => e!["detail"]!.GetValue<string>()));
        Assert.All(changes, e => Assert.Equal(SupportScenario.KeyIdOf(TestApiKeys.Support), e!["who"]!["id"]!.GetValue<string>()));
    }
}
