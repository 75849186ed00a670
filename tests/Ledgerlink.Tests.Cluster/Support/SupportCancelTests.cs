using System.Net;
using Ledgerlink.Connectors;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Support;

/// <summary>Support cancels a stuck sync of any tenant's company; the agent is told to stop and the audit log shows it.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class SupportCancelTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Support_cancels_a_fetching_sync_the_agent_is_told_and_repeats_and_wrong_ids_are_refused_and_audited()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (companyId, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorB, "Stuck Ltd");
        var datasetId = await SupportScenario.QueueAsync(scenario.IntegratorB, companyId, "journalEntries");
        await scenario.NextCommandAsync(AgentCommandKind.StartPull, datasetId);
        await scenario.Agent.Gateway.StartPull(scenario.Agent.Credential!, datasetId);
        var cancelPath = $"/support/companies/{companyId}/pullOperations/{datasetId}/cancel";

        using (var cancel = await scenario.Support.PostAsync(new Uri(cancelPath, UriKind.Relative), null))
        {
            var body = await cancel.JsonAsync();
            Assert.True(cancel.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal("Cancelled", body["status"]!.GetValue<string>());
        }

        var stop = await scenario.NextCommandAsync(AgentCommandKind.CancelPull, datasetId);
        Assert.Contains("support", stop.Reason, StringComparison.OrdinalIgnoreCase);
        var seen = await SupportScenario.PullOperationAsync(scenario.IntegratorB, companyId, datasetId);
        Assert.Equal("Cancelled", seen["status"]!.GetValue<string>());
        Assert.Contains("Cancelled by support", seen["statusDescription"]!.GetValue<string>(), StringComparison.Ordinal);

        using (var again = await scenario.Support.PostAsync(new Uri(cancelPath, UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var wrongCompany = await scenario.Support.PostAsync(
                   new Uri($"/support/companies/{Guid.NewGuid()}/pullOperations/{datasetId}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrongCompany.StatusCode);
        }

        using (var wrongDataset = await scenario.Support.PostAsync(
                   new Uri($"/support/companies/{companyId}/pullOperations/{Guid.NewGuid()}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrongDataset.StatusCode);
        }

        var audit = await scenario.Support.GetJsonAsync("/support/audit?pageSize=2");
        Assert.Equal(4, audit["totalResults"]!.GetValue<int>());
        Assert.Equal(2, audit["results"]!.AsArray().Count);
        Assert.NotNull(audit["_links"]!["next"]);
        var all = (await scenario.Support.GetJsonAsync("/support/audit")).AsObject()["results"]!.AsArray();
        Assert.Equal(["Refused", "Refused", "Refused", "Succeeded"], all.Select(e => e!["result"]!.GetValue<string>()));
        Assert.All(all, e =>
        {
            Assert.Equal("pullOperation.cancel", e!["action"]!.GetValue<string>());
            Assert.Equal(SupportScenario.KeyIdOf(TestApiKeys.Support), e["who"]!["id"]!.GetValue<string>());
            Assert.Equal("Support", e["who"]!["role"]!.GetValue<string>());
        });
        var succeeded = all[3]!;
        Assert.Equal((datasetId, scenario.ConnectorId),
            (succeeded["target"]!["id"]!.GetValue<string>(), succeeded["connectorId"]!.GetValue<string>()));
        Assert.Contains("already Cancelled", all[2]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The per-connector log holds the entries about this connector (the unknown company's has none).
        var mine = await scenario.Support.GetJsonAsync($"/support/connectors/{scenario.ConnectorId}/audit");
        Assert.Equal(3, mine["totalResults"]!.GetValue<int>());
    }
}
