using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>Bad requests to <c>/companies/{companyId}/connections</c>.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class ConnectionsBadInputTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("{}", "platformKey", "platformKey is required")]
    [InlineData("{\"platformKey\": \"\"}", "platformKey", "platformKey is required")]
    [InlineData("{\"platformKey\": \"gbol\"}", "platformKey", "'gbol'")]
    [InlineData("{\"platformKey\": \"HBQL\"}", "platformKey", "'HBQL'")]
    [InlineData("{\"platformKey\": 7}", "platformKey", "not valid JSON")]
    [InlineData("{\"platformKey\": \"hbql\"", "body", "not valid JSON")]
    public Task Create_connection_with_a_bad_platform_key_is_400_naming_it(string body, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", "/companies/{companyA}/connections", body, 400, field, text);

    [Theory]
    [InlineData("{}", "status", "must be 'Unlinked'")]
    [InlineData("{\"status\": \"Linked\"}", "status", "must be 'Unlinked'")]
    [InlineData("{\"status\": \"Gone\"}", "status", "not valid JSON")]
    [InlineData("{\"status\": 2}", "status", "not valid JSON")]
    public Task Unlink_with_a_bad_status_is_400_naming_it(string body, string field, string text) =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "PATCH", "/companies/{companyA}/connections/{connectionA}", body, 400, field, text);

    [Theory]
    [InlineData("/companies/{companyA}/connections?pageSize=0", "pageSize", "from 1 to 5000")]
    [InlineData("/companies/{companyA}/connections?query=sourceType%3DAccounting", "query", "'sourceType'")]
    [InlineData("/companies/{companyA}/connections?orderBy=linkUrl", "orderBy", "'linkUrl'")]
    public Task List_connections_with_bad_paging_query_or_order_is_400_naming_the_parameter(string path, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", path, null, 400, field, text);

    [Theory]
    [InlineData("GET", "/companies/{unknown}/connections", null, "Company")]
    [InlineData("POST", "/companies/{unknown}/connections", "{\"platformKey\": \"hbql\"}", "Company")]
    [InlineData("GET", "/companies/{companyA}/connections/{unknown}", null, "Data connection")]
    [InlineData("PATCH", "/companies/{companyA}/connections/{unknown}", "{\"status\": \"Unlinked\"}", "Data connection")]
    [InlineData("DELETE", "/companies/{companyA}/connections/{unknown}", null, "Data connection")]
    [InlineData("POST", "/companies/{unknown}/connections/{connectionA}/linkCode", null, "Company")]
    [InlineData("POST", "/companies/{companyA}/connections/{unknown}/linkCode", null, "Data connection")]
    public Task Unknown_company_or_connection_is_404(string method, string path, string? body, string what) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, method, path, body, 404, null, $"{what} {ApiCall.Unknown} not found");
}
