using System.Net;
using System.Text.Json.Nodes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Data;

/// <summary><c>GET /companies/{companyId}/data/{dataType}</c> over a real silo, a scripted agent and Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DataReadTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Pages_come_in_order_with_Codat_envelope_and_links_across_block_boundaries()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        var records = DataScenario.Records("invoices", 250, "v1");
        await scenario.SyncAsync(["invoices"], _ => records, batchSize: 37);

        var page2 = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/invoices?page=2&pageSize=100");
        Assert.Equal(2, page2["pageNumber"]!.GetValue<int>());
        Assert.Equal(100, page2["pageSize"]!.GetValue<int>());
        Assert.Equal(250, page2["totalResults"]!.GetValue<int>());
        Assert.Equal(Ids(101, 200), page2["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(JsonNode.Parse(records[100])!.ToJsonString(), ServedRecord.Unstamped(page2["results"]![0]).ToJsonString());
        var links = page2["_links"]!;
        Assert.Equal($"/companies/{scenario.CompanyId}/data/invoices", links["self"]!["href"]!.GetValue<string>());
        Assert.Contains("page=3", links["next"]!["href"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("page=1", links["previous"]!["href"]!.GetValue<string>(), StringComparison.Ordinal);

        var page3 = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/invoices?page=3&pageSize=100");
        Assert.Equal(Ids(201, 250), page3["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Null(page3["_links"]!["next"]);

        var beyond = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/invoices?page=9&pageSize=100");
        Assert.Empty(beyond["results"]!.AsArray());
        Assert.Equal(250, beyond["totalResults"]!.GetValue<int>());

        // Every single-record page agrees with the records sent, whichever block it falls in.
        foreach (var index in new[] { 0, 36, 37, 73, 74, 249 })
        {
            var one = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/invoices?page={index + 1}&pageSize=1");
            Assert.Equal(JsonNode.Parse(records[index])!.ToJsonString(), ServedRecord.Unstamped(one["results"]![0]).ToJsonString());
        }
    }

    [Fact]
    public async Task Query_filters_numbers_by_value_and_nested_fields_and_orderBy_sorts_with_totals_of_the_matches()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["customers"], dataType => DataScenario.Records(dataType, 120, "v1"), batchSize: 25);
        var path = $"/companies/{scenario.CompanyId}/data/customers";

        // 100.25 is above 100 as a number (as text, "100.25" would sort below "20.25").
        var above = await scenario.Http.GetJsonAsync($"{path}?query={Uri.EscapeDataString("amount>100")}&pageSize=5");
        Assert.Equal(21, above["totalResults"]!.GetValue<int>());
        Assert.Equal(Ids(100, 104, "customers"), above["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));

        var nested = await scenario.Http.GetJsonAsync($"{path}?query={Uri.EscapeDataString("contact.name=Contact 3&&amount<50")}");
        Assert.Equal(new[] { 3, 10, 17, 24, 31, 38, 45 }.Select(i => $"customers-{i}"),
            nested["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));

        var descending = await scenario.Http.GetJsonAsync($"{path}?orderBy=-amount&page=2&pageSize=10");
        Assert.Equal(120, descending["totalResults"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(101, 10).Reverse().Select(i => $"customers-{i}"),
            descending["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Contains("orderBy=-amount", descending["_links"]!["next"]!["href"]!.GetValue<string>(), StringComparison.Ordinal);

        using var badQuery = await scenario.Http.GetAsync(new Uri($"{path}?query=amount", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        Assert.Equal("query", (await badQuery.JsonAsync())["validation"]!["errors"]![0]!["itemId"]!.GetValue<string>());
        using var badOrder = await scenario.Http.GetAsync(new Uri($"{path}?orderBy=no%20such", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badOrder.StatusCode);
        Assert.Equal("orderBy", (await badOrder.JsonAsync())["validation"]!["errors"]![0]!["itemId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Never_synced_is_a_409_naming_the_dataset_unknown_type_a_400_and_another_tenant_a_404()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["chartOfAccounts"], dataType => DataScenario.Records(dataType, 3, "v1"));

        using var never = await scenario.Http.GetAsync(new Uri($"/companies/{scenario.CompanyId}/data/bills", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, never.StatusCode);
        var error = await never.JsonAsync();
        Assert.Equal(409, error["statusCode"]!.GetValue<int>());
        Assert.Contains("bills dataset", error["error"]!.GetValue<string>(), StringComparison.Ordinal);

        using var unknown = await scenario.Http.GetAsync(new Uri($"/companies/{scenario.CompanyId}/data/widgets", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var unknownError = await unknown.JsonAsync();
        Assert.Equal("dataType", unknownError["validation"]!["errors"]![0]!["itemId"]!.GetValue<string>());
        Assert.Equal("PublicApi", unknownError["service"]!.GetValue<string>());

        // Codat reads the chart of accounts at /data/accounts.
        var accounts = await scenario.ReadAllAsync("accounts");
        Assert.Equal(Ids(1, 3, "chartOfAccounts"), accounts!.Select(r => r["id"]!.GetValue<string>()));

        using var otherTenant = scenario.Silo.CreateHttpClient(TestApiKeys.IntegratorB);
        using var hidden = await otherTenant.GetAsync(new Uri($"/companies/{scenario.CompanyId}/data/chartOfAccounts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using var nowhere = await scenario.Http.GetAsync(new Uri($"/companies/{Guid.NewGuid()}/data/chartOfAccounts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
    }

    [Fact]
    public async Task A_running_or_cancelled_sync_is_never_visible_and_the_previous_dataset_stays_readable()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 50, "v1"));

        // A second sync stages batches but has not completed: readers still see v1.
        var running = await scenario.QueueAsync("invoices");
        await scenario.StartCommandAsync(running);
        var credential = scenario.Agent.Credential!;
        var resume = await scenario.Agent.Gateway.StartPull(credential, running);
        var staged = DataScenario.Records("invoices", 80, "v2");
        var ack = await scenario.Agent.Gateway.AppendBatch(resume.Lease, ScriptedAgent.Batch(resume.NextSequence, staged));
        Assert.True(ack.Accepted, ack.Reason);
        Assert.All(await scenario.ReadAllAsync("invoices") ?? [], r => Assert.Equal("v1", r["tag"]!.GetValue<string>()));
        Assert.Equal(50, (await scenario.ReadAllAsync("invoices"))!.Count);

        // Cancelled: its staged blocks are never committed.
        using var cancel = await scenario.Http.PostAsync(new Uri($"/companies/{scenario.CompanyId}/data/history/{running}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var late = await scenario.Agent.Gateway.CompletePull(resume.Lease, staged.Count);
        Assert.False(late.IsCompleted);
        var afterCancel = await scenario.ReadAllAsync("invoices");
        Assert.Equal(50, afterCancel!.Count);
        Assert.All(afterCancel, r => Assert.Equal("v1", r["tag"]!.GetValue<string>()));

        // The next completed sync replaces v1 in one step.
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 70, "v3"));
        var v3 = await scenario.ReadAllAsync("invoices");
        Assert.Equal(70, v3!.Count);
        Assert.All(v3, r => Assert.Equal("v3", r["tag"]!.GetValue<string>()));
    }

    private static IEnumerable<string> Ids(int from, int to, string dataType = "invoices") =>
        Enumerable.Range(from, to - from + 1).Select(i => $"{dataType}-{i}");
}
