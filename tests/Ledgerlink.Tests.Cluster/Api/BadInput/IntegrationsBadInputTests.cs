using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>Bad requests to <c>/integrations</c>.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class IntegrationsBadInputTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("/integrations?pageSize=0", "pageSize", "from 1 to 5000")]
    [InlineData("/integrations?query=colour%3Dred", "query", "'colour'")]
    [InlineData("/integrations?orderBy=colour", "orderBy", "'colour'")]
    public Task List_integrations_with_bad_paging_query_or_order_is_400_naming_the_parameter(string path, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", path, null, 400, field, text);

    [Theory]
    [InlineData("/integrations/xero", "Integration xero not found")]
    [InlineData("/integrations/HBQL", "Integration HBQL not found")]
    public Task Unknown_integration_is_404(string path, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", path, null, 404, null, text);
}
