using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>Paths that lead nowhere are 404 and verbs a path does not take are 405, both in the Codat error shape.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class RoutingTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("GET", "/nowhere", "No resource at /nowhere")]
    [InlineData("GET", "/companies/{companyA}/invoices", "No resource at")]
    [InlineData("POST", "/companies/{companyA}/data/queue/invoices/extra", "No resource at")]
    [InlineData("GET", "/v2/companies", "No resource at /v2/companies")]
    public Task Unknown_route_is_404(string method, string path, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, method, path, null, 404, null, text);

    [Theory]
    [InlineData("DELETE", "/companies")]
    [InlineData("PUT", "/webhooks")]
    [InlineData("GET", "/companies/{companyA}/data/queue/invoices")]
    [InlineData("POST", "/companies/{companyA}/data/invoices")]
    [InlineData("POST", "/companies/{companyA}/dataStatus")]
    [InlineData("DELETE", "/companies/{companyA}/data/history/{datasetA}")]
    [InlineData("PUT", "/companies/{companyA}/connections/{connectionA}")]
    [InlineData("GET", "/companies/{companyA}/connections/{connectionA}/linkCode")]
    [InlineData("PUT", "/companies/{companyA}/connections/{connectionA}/linkCode")]
    [InlineData("DELETE", "/companies/{companyA}/connections/{connectionA}/linkCode")]
    public Task Wrong_verb_is_405(string method, string path) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, method, path, null, 405, null, $"{method} is not allowed here");
}
