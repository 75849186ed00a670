using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>Bad refresh requests: <c>/companies/{companyId}/data/all</c> and <c>/data/queue/{dataType}</c>.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class RefreshBadInputTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("/companies/{companyA}/data/queue/widgets", "'widgets'")]
    [InlineData("/companies/{companyA}/data/queue/Invoices", "'Invoices'")]
    [InlineData("/companies/{companyA}/data/queue/%20", "supported")]
    public Task Refresh_of_an_unknown_data_type_is_400_naming_dataType(string path, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", path, null, 400, "dataType", text);

    [Fact]
    public Task Refresh_of_a_company_without_a_connection_is_400_naming_connectionId() =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", "/companies/{unconnectedA}/data/queue/invoices", null, 400, "connectionId", "connection");

    [Fact]
    public Task Refresh_all_of_a_company_without_a_connection_is_400_naming_connectionId() =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", "/companies/{unconnectedA}/data/all", null, 400, "connectionId", "connection");

    [Theory]
    [InlineData("/companies/{unknown}/data/queue/invoices")]
    [InlineData("/companies/{unknown}/data/all")]
    [InlineData("/companies/12345/data/queue/invoices")]
    public Task Refresh_of_an_unknown_company_is_404(string path) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", path, null, 404, null, "not found");

    [Fact]
    public Task Refresh_naming_a_connection_the_company_does_not_have_is_404() =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", "/companies/{companyA}/data/queue/customers?connectionId={unknown}", null, 404, null,
            $"Data connection {ApiCall.Unknown} not found");

    [Fact]
    public async Task Refresh_of_a_data_type_already_queued_is_409_and_queues_nothing()
    {
        var error = await ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", $"/companies/{{companyA}}/data/queue/{ApiHostFixture.QueuedDataTypeA}", null, 409, null,
            $"A {ApiHostFixture.QueuedDataTypeA} sync ({host.DatasetA}) is already Queued");
        Assert.Null(error["validation"]);

        using var http = host.Client();
        var status = await http.GetJsonAsync($"/companies/{host.CompanyA}/dataStatus");
        Assert.Equal(host.DatasetA, status[ApiHostFixture.QueuedDataTypeA]!["latestSyncId"]!.GetValue<string>());
        Assert.Equal("Queued", status[ApiHostFixture.QueuedDataTypeA]!["currentStatus"]!.GetValue<string>());
    }
}
