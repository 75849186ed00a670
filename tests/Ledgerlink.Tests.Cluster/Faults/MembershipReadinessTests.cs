using System.Net;
using System.Text.Json.Nodes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Faults;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Faults;

/// <summary>
/// <c>/ready</c> says whether the silo can serve as a cluster member, not only whether storage answers: on Azure Table
/// clustering, a membership table the silo cannot read (this test's own Azurite killed) takes it out of service, and
/// it is ready again once the table answers.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class MembershipReadinessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ready_reports_membership_and_turns_503_while_the_membership_table_cannot_be_read()
    {
        await using var azurite = await AzuriteServer.StartOwnedAsync();
        var settings = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:Clustering:Mode"] = "AzureTable",
            ["Ledgerlink:Clustering:TableName"] = $"silos{Guid.NewGuid():N}",
        });
        await using var silo = await RunningSilo.StartAsync(settings);
        using var http = silo.CreateHttpClient();

        var before = await ReadyAsync(http);
        Assert.True(before.Status == HttpStatusCode.OK, before.Body.ToJsonString());
        Assert.Equal("Healthy", Membership(before.Body)["status"]!.GetValue<string>());
        Assert.Contains("1 active silos", Membership(before.Body)["description"]!.GetValue<string>(), StringComparison.Ordinal);

        await azurite.StopAsync();
        var during = await Eventually.ValueAsync(
            () => ReadyAsync(http),
            ready => ready.Status == HttpStatusCode.ServiceUnavailable && Membership(ready.Body)["status"]!.GetValue<string>() == "Unhealthy",
            Patience, "/ready to report the membership table unreachable");
        Assert.Contains("membership table", Membership(during.Body)["description"]!.GetValue<string>(), StringComparison.Ordinal);

        await azurite.StartAgainAsync();
        await Eventually.ValueAsync(
            () => ReadyAsync(http),
            ready => ready.Status == HttpStatusCode.OK && Membership(ready.Body)["status"]!.GetValue<string>() == "Healthy",
            Patience, "/ready to be 200 again once the membership table answers");
    }

    private static JsonNode Membership(JsonNode ready) => ready["checks"]!["membership"]!;

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/ready", UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
