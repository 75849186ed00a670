using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>Bad requests to <c>/webhooks</c>.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class WebhooksBadInputTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("{}", "url", "url is required")]
    [InlineData("{\"url\": \"\"}", "url", "url is required")]
    [InlineData("{\"url\": \"/hooks/codat\"}", "url", "absolute http or https URL")]
    [InlineData("{\"url\": \"ftp://example.com/hook\"}", "url", "absolute http or https URL")]
    [InlineData("{\"url\": \"not a url\"}", "url", "absolute http or https URL")]
    [InlineData("{\"url\": 443}", "url", "not valid JSON")]
    [InlineData("{\"url\": \"javascript:alert(1)\"}", "url", "absolute http or https URL")]
    [InlineData("{\"url\": \"https://example.com/hook\", \"eventTypes\": [\"\"]}", "eventTypes", "must not contain empty entries")]
    [InlineData("{\"url\": \"https://example.com/hook\", \"eventTypes\": \"read.completed\"}", "eventTypes", "not valid JSON")]
    [InlineData("{\"url\": \"https://example.com/hook\", \"companyTags\": [\"region\"]}", "companyTags", "'tagKey:tagValue'")]
    [InlineData("{\"url\": \"https://example.com/hook\", \"disabled\": \"no\"}", "disabled", "not valid JSON")]
    public Task Create_webhook_with_a_bad_body_is_400_naming_the_field(string body, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", "/webhooks", body, 400, field, text);

    [Theory]
    [InlineData("/webhooks/deliveries?page=0", "page", "from 1")]
    [InlineData("/webhooks/deliveries?pageSize=10000", "pageSize", "from 1 to 5000")]
    [InlineData("/webhooks/deliveries?query=colour%3Dred", "query", "'colour'")]
    [InlineData("/webhooks/deliveries?orderBy=colour", "orderBy", "'colour'")]
    public Task List_deliveries_with_bad_paging_query_or_order_is_400_naming_the_parameter(string path, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", path, null, 400, field, text);

    [Fact]
    public Task Create_webhook_with_a_url_over_2048_characters_is_400_naming_url() =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", "/webhooks", $"{{\"url\": \"https://example.com/{new string('h', 2100)}\"}}", 400, "url",
            "at most 2048 characters");

    [Fact]
    public Task Delete_unknown_webhook_is_404() =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "DELETE", "/webhooks/{unknown}", null, 404, null,
            $"Webhook consumer {ApiCall.Unknown} not found");
}
