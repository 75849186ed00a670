using System.Net.Http.Json;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>Bad requests to <c>/companies</c>: bodies, paging, query and orderBy, and ids that lead nowhere.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class CompaniesBadInputTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("{\"name\": \"Acme\"", "body", "not valid JSON")]
    [InlineData("name=Acme", "body", "not valid JSON")]
    [InlineData("", "body", "JSON request body is required")]
    [InlineData("null", "body", "must be a JSON object")]
    [InlineData("[{\"name\": \"Acme\"}]", "body", "not valid JSON")]
    [InlineData("{}", "name", "name is required")]
    [InlineData("{\"description\": \"no name\"}", "name", "name is required")]
    [InlineData("{\"name\": 42}", "name", "not valid JSON")]
    [InlineData("{\"name\": \"   \"}", "name", "name must be")]
    [InlineData("{\"name\": \"<script>alert(1)</script>\"}", "name", "name must be")]
    [InlineData("{\"name\": \"Acme\", \"tags\": [\"a\"]}", "tags", "not valid JSON")]
    [InlineData("{\"name\": \"Acme\", \"tags\": {\"region\": 7}}", "tags.region", "not valid JSON")]
    [InlineData("{\"name\": \"Acme\", \"tags\": {\"this-tag-name-is-longer-than-27\": \"x\"}}", "tags.this-tag-name-is-longer-than-27", "1-27 characters")]
    [InlineData("{\"name\": \"Acme\", \"ownerEmail\": \"not-an-email\"}", "ownerEmail", "not an email address")]
    [InlineData("{\"name\": \"Acme\", \"bankFeedsConnected\": \"yes\"}", "bankFeedsConnected", "not valid JSON")]
    [InlineData("{\"name\": \"Acme\", \"description\": [1, 2]}", "description", "not valid JSON")]
    public Task Create_company_with_a_bad_body_is_400_naming_the_field(string body, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", "/companies", body, 400, field, text);

    [Fact]
    public Task Create_company_with_a_name_over_200_characters_is_400_naming_it() =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", "/companies", $"{{\"name\": \"{new string('a', 201)}\"}}", 400, "name", "1-200 characters");

    [Fact]
    public Task Create_company_with_a_body_over_256_KiB_is_413() =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", "/companies", $"{{\"name\": \"Acme\", \"description\": \"{new string('d', 300_000)}\"}}",
            413, "body", "larger than 256 KiB");

    [Fact]
    public async Task Changing_the_owner_email_hands_over_nothing_a_reset_right_after_is_409()
    {
        using var http = host.Client();
        using var created = await http.PostJsonAsync("/companies", new { name = "Owned Ltd", ownerEmail = "owner@example.com" });
        var company = await created.JsonAsync();
        var path = $"/companies/{company["id"]}";

        // The owner email can change now (it is verified by email and holds resets for a day), but the change gives
        // whoever made it no power over the data: the new address is unverified and the reset is refused.
        using (var changed = await http.PatchAsJsonAsync(path, new { name = "Hijacked Ltd", ownerEmail = "thief@example.com" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        }

        await ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", $"{path}/data/reset", null, 409, null, "not verified");
        var audit = await http.GetJsonAsync($"{path}/data/audit");
        Assert.Equal(0, audit["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public Task Create_company_as_plain_text_is_415_naming_the_content_type() =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", "/companies", "{\"name\": \"Acme\"}", 415, "Content-Type", "application/json",
            contentType: "text/plain");

    [Theory]
    [InlineData("/companies?page=0", "page", "from 1")]
    [InlineData("/companies?page=", "page", "whole number")]
    [InlineData("/companies?page=-1", "page", "from 1")]
    [InlineData("/companies?page=abc", "page", "'abc'")]
    [InlineData("/companies?page=1&page=2", "page", "whole number")]
    [InlineData("/companies?pageSize=0", "pageSize", "from 1 to 5000")]
    [InlineData("/companies?pageSize=5001", "pageSize", "from 1 to 5000")]
    [InlineData("/companies?pageSize=1.5", "pageSize", "'1.5'")]
    [InlineData("/companies?pageSize=99999999999", "pageSize", "whole number")]
    [InlineData("/companies?query=acme", "query", "'acme'")]
    [InlineData("/companies?query=colour%3Dred", "query", "'colour'")]
    [InlineData("/companies?query=name%3DAcme%26%26shoeSize%3E4", "query", "'shoeSize'")]
    [InlineData("/companies?orderBy=colour", "orderBy", "'colour'")]
    [InlineData("/companies?orderBy=-", "orderBy", "sortable fields")]
    [InlineData("/companies?tags=region", "tags", "'region'")]
    public Task List_companies_with_bad_paging_query_or_order_is_400_naming_the_parameter(string path, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", path, null, 400, field, text);

    [Theory]
    [InlineData("PUT", "{\"description\": \"replaced without a name\"}", "name", "name is required")]
    [InlineData("PUT", "{\"name\": 1}", "name", "not valid JSON")]
    [InlineData("PATCH", "{\"name\": \"\"}", "name", "name must be")]
    [InlineData("PATCH", "{\"tags\": \"region=north\"}", "tags", "not valid JSON")]
    [InlineData("PATCH", "", "body", "JSON request body is required")]
    public Task Change_company_with_a_bad_body_is_400_naming_the_field(string method, string body, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, method, "/companies/{companyA}", body, 400, field, text);

    [Theory]
    [InlineData("GET", "/companies/{unknown}", null)]
    [InlineData("GET", "/companies/not-a-company-id", null)]
    [InlineData("PUT", "/companies/{unknown}", "{\"name\": \"Nobody\"}")]
    [InlineData("PATCH", "/companies/{unknown}", "{\"name\": \"Nobody\"}")]
    [InlineData("DELETE", "/companies/{unknown}", null)]
    public async Task Unknown_company_is_404_naming_it(string method, string path, string? body)
    {
        var error = await ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, method, path, body, 404, null, "not found");
        Assert.Contains(ApiCall.Resolve(host, path).Split('/')[2], error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
