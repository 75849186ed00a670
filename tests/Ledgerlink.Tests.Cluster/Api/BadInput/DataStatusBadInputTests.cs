using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>Bad requests for data status and pull operations (<c>/dataStatus</c>, <c>/data/history</c>).</summary>
[Collection(ApiHostCollection.Name)]
public sealed class DataStatusBadInputTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("/companies/{companyA}/data/history?page=0", "page", "from 1")]
    [InlineData("/companies/{companyA}/data/history?pageSize=-5", "pageSize", "'-5'")]
    [InlineData("/companies/{companyA}/data/history?query=progress%3E50", "query", "'progress'")]
    [InlineData("/companies/{companyA}/data/history?query=status", "query", "'status'")]
    [InlineData("/companies/{companyA}/data/history?orderBy=-progress", "orderBy", "'progress'")]
    public Task History_with_bad_paging_query_or_order_is_400_naming_the_parameter(string path, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", path, null, 400, field, text);

    [Theory]
    [InlineData("GET", "/companies/{unknown}/dataStatus", "Company {unknown} not found")]
    [InlineData("GET", "/companies/{unknown}/data/history", "Company {unknown} not found")]
    [InlineData("GET", "/companies/{companyA}/data/history/{unknown}", "Dataset {unknown} not found")]
    [InlineData("GET", "/companies/{companyA}/data/history/not-a-dataset", "Dataset not-a-dataset not found")]
    [InlineData("POST", "/companies/{companyA}/data/history/{unknown}/cancel", "Dataset {unknown} not found")]
    [InlineData("GET", "/companies/{unconnectedA}/data/history/{datasetA}", "Dataset {datasetA} not found")]
    public Task Unknown_company_or_pull_operation_is_404(string method, string path, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, method, path, null, 404, null, ApiCall.Resolve(host, text));

    [Fact]
    public async Task Cancelling_a_pull_operation_that_is_no_longer_in_progress_is_409()
    {
        using var http = host.Client();
        using var created = await http.PostJsonAsync("/companies", new { name = "Cancel Twice Ltd" });
        var id = (await created.JsonAsync())["id"]!.GetValue<string>();
        using (var connection = await http.PostJsonAsync($"/companies/{id}/connections", new { platformKey = "hbql" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, connection.StatusCode);
        }

        using var queued = await http.PostAsync(new Uri($"/companies/{id}/data/queue/bills", UriKind.Relative), null);
        var operation = await queued.JsonAsync();
        var cancel = $"/companies/{id}/data/history/{operation["id"]}/cancel";
        using (var first = await http.PostAsync(new Uri(cancel, UriKind.Relative), null))
        {
            Assert.Equal("Cancelled", (await first.JsonAsync())["status"]!.GetValue<string>());
        }

        await ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", cancel, null, 409, null, "is Cancelled");
    }
}
