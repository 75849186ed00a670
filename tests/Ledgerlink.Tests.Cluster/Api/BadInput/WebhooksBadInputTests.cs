using Ledgerlink.Testing.Infrastructure;
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
    [InlineData("{\"url\": null}", "url", "url is required")]
    [InlineData("{\"url\": [\"https://example.com/hook\"]}", "url", "not valid JSON")]
    [InlineData("{\"url\": \"file:///etc/passwd\"}", "url", "absolute http or https URL")]
    [InlineData("{\"url\": \"gopher://example.com/hook\"}", "url", "absolute http or https URL")]
    [InlineData("{\"url\": \"https://example.com/hook\", \"eventTypes\": [5]}", "eventTypes[0]", "not valid JSON")]
    [InlineData("{\"url\": \"https://example.com/hook\", \"companyTags\": \"region:uk\"}", "companyTags", "not valid JSON")]
    public Task Create_webhook_with_a_bad_body_is_400_naming_the_field(string body, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", "/webhooks", body, 400, field, text);

    [Theory]
    [InlineData("/webhooks/deliveries?page=0", "page", "from 1")]
    [InlineData("/webhooks/deliveries?pageSize=10000", "pageSize", "from 1 to 5000")]
    [InlineData("/webhooks/deliveries?query=colour%3Dred", "query", "'colour'")]
    [InlineData("/webhooks/deliveries?orderBy=colour", "orderBy", "'colour'")]
    [InlineData("/webhooks/deliveries?page=-1", "page", "from 1")]
    [InlineData("/webhooks/deliveries?pageSize=0", "pageSize", "from 1 to 5000")]
    public Task List_deliveries_with_bad_paging_query_or_order_is_400_naming_the_parameter(string path, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", path, null, 400, field, text);

    [Fact]
    public Task Create_webhook_with_a_url_over_2048_characters_is_400_naming_url() =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", "/webhooks", $"{{\"url\": \"https://example.com/{new string('h', 2100)}\"}}", 400, "url",
            "at most 2048 characters");

    /// <summary>Targets on the silo's own network, by literal or by a name that resolves there; 127.0.0.1 is this test silo's allow-listed receiver host.</summary>
    public static TheoryData<string, string> ForbiddenTargets => new()
    {
        { "https://127.0.0.2/hook", "address not allowed" },
        { "https://localhost/hook", "address not allowed" },
        { "https://localhost:10000/devstoreaccount1", "address not allowed" },
        { "https://[::1]/hook", "address not allowed" },
        { "https://[::ffff:127.0.0.1]/hook", "address not allowed" },
        { "https://[::ffff:10.0.0.5]/hook", "address not allowed" },
        { "https://0.0.0.0/hook", "address not allowed" },
        { "https://[::]/hook", "address not allowed" },
        { "https://10.0.0.5/hook", "address not allowed" },
        { "https://10.255.255.255/hook", "address not allowed" },
        { "https://172.16.0.1/hook", "address not allowed" },
        { "https://172.31.0.1/hook", "address not allowed" },
        { "https://192.168.0.1/hook", "address not allowed" },
        { "https://100.64.0.1/hook", "address not allowed" },
        { "https://169.254.169.254/latest/meta-data/", "address not allowed" },
        { "https://169.254.1.1/hook", "address not allowed" },
        { "https://[fd00:ec2::254]/latest/meta-data/", "address not allowed" },
        { "https://[fc00::1]/hook", "address not allowed" },
        { "https://[fe80::1]/hook", "address not allowed" },
        { "https://[fec0::1]/hook", "address not allowed" },
        { "https://224.0.0.1/hook", "address not allowed" },
        { "https://[ff02::1]/hook", "address not allowed" },
        { "https://255.255.255.255/hook", "address not allowed" },
        { "https://[64:ff9b::a00:5]/hook", "address not allowed" },
        { "https://[2002:a00:5::1]/hook", "address not allowed" },
        { "https://[2001::1]/hook", "address not allowed" },
        { "http://example.com/hook", "https required" },
        { "http://8.8.8.8/hook", "https required" },
        { "http://localhost/hook", "https required" },
        { "http://10.0.0.5/hook", "https required" },
        { "https://user:password@example.com/hook", "user name or password" },
        // Other spellings of IPv4 literals (127.0.0.1 itself, in any spelling, is this test silo's allow-listed host).
        { "https://167772165/hook", "address not allowed" },
        { "https://0xa000005/hook", "address not allowed" },
        { "https://012.0.0.5/hook", "address not allowed" },
        { "https://10.5/hook", "address not allowed" },
        { "https://0x7f000002/hook", "address not allowed" },
        { "https://[0:0:0:0:0:ffff:7f00:1]/hook", "address not allowed" },
        { "https://[::ffff:a9fe:a9fe]/latest/meta-data/", "address not allowed" },
        { "https://LOCALHOST/hook", "address not allowed" },
        { "https://localhost./hook", "address not allowed" },
        { "https://198.18.0.1/hook", "address not allowed" },
        { "https://192.0.2.1/hook", "address not allowed" },
        { "https://240.0.0.1/hook", "address not allowed" },
        { "https://[100::1]/hook", "address not allowed" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenTargets))]
    public Task Create_webhook_to_a_forbidden_target_is_400_naming_url(string url, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", "/webhooks", $"{{\"url\": \"{url}\"}}", 400, "url", text);

    [Fact]
    public Task Create_webhook_with_a_body_over_16_KiB_is_413() =>
        ApiCall.AssertRefusedAsync(
            host, TestApiKeys.IntegratorA, "POST", "/webhooks",
            $"{{\"url\": \"https://example.com/hook\", \"eventTypes\": [\"{new string('e', 17 * 1024)}\"]}}", 413, "body", "larger than 16 KiB");

    [Fact]
    public Task Delete_unknown_webhook_is_404() =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "DELETE", "/webhooks/{unknown}", null, 404, null,
            $"Webhook consumer {ApiCall.Unknown} not found");
}
