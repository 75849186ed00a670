using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>
/// Another tenant's company, and everything under it, answers exactly like something that does not exist (404), and
/// the refused request changes nothing for its owner.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class TenantIsolationTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("GET", "/companies/{companyB}", null, "Company {companyB} not found")]
    [InlineData("PATCH", "/companies/{companyB}", "{\"name\": \"Taken Over Ltd\"}", "Company {companyB} not found")]
    [InlineData("PUT", "/companies/{companyB}", "{\"name\": \"Taken Over Ltd\"}", "Company {companyB} not found")]
    [InlineData("DELETE", "/companies/{companyB}", null, "Company {companyB} not found")]
    [InlineData("GET", "/companies/{companyB}/connections", null, "Company {companyB} not found")]
    [InlineData("POST", "/companies/{companyB}/connections", "{\"platformKey\": \"hbql\"}", "Company {companyB} not found")]
    [InlineData("GET", "/companies/{companyB}/connections/{connectionB}", null, "Company {companyB} not found")]
    [InlineData("PATCH", "/companies/{companyB}/connections/{connectionB}", "{\"status\": \"Unlinked\"}", "Company {companyB} not found")]
    [InlineData("DELETE", "/companies/{companyB}/connections/{connectionB}", null, "Company {companyB} not found")]
    [InlineData("GET", "/companies/{companyA}/connections/{connectionB}", null, "Data connection {connectionB} not found")]
    [InlineData("POST", "/companies/{companyB}/data/all", null, "Company {companyB} not found")]
    [InlineData("POST", "/companies/{companyB}/data/queue/invoices", null, "Company {companyB} not found")]
    [InlineData("POST", "/companies/{companyA}/data/queue/invoices?connectionId={connectionB}", null, "Data connection {connectionB} not found")]
    [InlineData("GET", "/companies/{companyB}/dataStatus", null, "Company {companyB} not found")]
    [InlineData("GET", "/companies/{companyB}/data/history", null, "Company {companyB} not found")]
    [InlineData("GET", "/companies/{companyB}/data/history/{datasetB}", null, "Company {companyB} not found")]
    [InlineData("GET", "/companies/{companyA}/data/history/{datasetB}", null, "Dataset {datasetB} not found")]
    [InlineData("POST", "/companies/{companyB}/data/history/{datasetB}/cancel", null, "Company {companyB} not found")]
    [InlineData("POST", "/companies/{companyA}/data/history/{datasetB}/cancel", null, "Dataset {datasetB} not found")]
    [InlineData("POST", "/companies/{companyB}/connections/{connectionB}/linkCode", null, "Company {companyB} not found")]
    [InlineData("POST", "/companies/{companyA}/connections/{connectionB}/linkCode", null, "Data connection {connectionB} not found")]
    public async Task Another_tenants_company_and_what_is_under_it_is_404_and_untouched(string method, string path, string? body, string text)
    {
        await ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, method, path, body, 404, null, ApiCall.Resolve(host, text));

        using var owner = host.Client(TestApiKeys.IntegratorB);
        var company = await owner.GetJsonAsync($"/companies/{host.CompanyB}");
        Assert.Equal("Bad Input B Ltd", company["name"]!.GetValue<string>());
        var connection = await owner.GetJsonAsync($"/companies/{host.CompanyB}/connections/{host.ConnectionB}");
        Assert.Equal("PendingAuth", connection["status"]!.GetValue<string>());
        var operation = await owner.GetJsonAsync($"/companies/{host.CompanyB}/data/history/{host.DatasetB}");
        Assert.Equal("Queued", operation["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_tenants_companies_are_not_listed()
    {
        using var http = host.Client(TestApiKeys.IntegratorA);
        var page = await http.GetJsonAsync("/companies?pageSize=5000");
        var ids = page["results"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(host.CompanyA, ids);
        Assert.DoesNotContain(host.CompanyB, ids);
    }
}
