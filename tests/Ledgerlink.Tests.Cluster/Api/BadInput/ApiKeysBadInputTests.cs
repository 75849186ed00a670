using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>Bad requests to the operator's API key endpoints (<c>/operator/tenants/{tenantId}/apiKeys</c>).</summary>
[Collection(ApiHostCollection.Name)]
public sealed class ApiKeysBadInputTests(ApiHostFixture host)
{
    private const string Keys = "/operator/tenants/tenant-bad-input/apiKeys";

    [Theory]
    [InlineData("{}", "role", "role is required")]
    [InlineData("{\"role\": \"\"}", "role", "role is required")]
    [InlineData("{\"role\": \"   \"}", "role", "role is required")]
    [InlineData("{\"role\": null}", "role", "role is required")]
    [InlineData("{\"role\": \"Admin\"}", "role", "role 'Admin' is not one of Integrator, Support or Operator")]
    [InlineData("{\"role\": \"1\"}", "role", "role '1' is not one of")]
    [InlineData("{\"role\": \"Integrator,Support\"}", "role", "is not one of")]
    [InlineData("{\"role\": \"Integrator \"}", "role", "is not one of")]
    [InlineData("{\"role\": 2}", "role", "not valid JSON")]
    [InlineData("{\"role\": [\"Integrator\"]}", "role", "not valid JSON")]
    [InlineData("{\"role\": \"Integrator\", \"name\": 5}", "name", "not valid JSON")]
    [InlineData("{\"role\": \"Integrator\", \"name\": \"tab\\u0009name\"}", "name", "without control characters")]
    [InlineData("{\"role\": \"Integrator\", \"name\": {}}", "name", "not valid JSON")]
    [InlineData("null", "body", "must be a JSON object")]
    [InlineData("[1]", "body", "not valid JSON")]
    [InlineData("{\"role\": ", "role", "not valid JSON")]
    [InlineData("", "body", "A JSON request body is required")]
    public Task Create_key_with_a_bad_body_is_400_naming_the_field(string body, string field, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.Operator, "POST", Keys, body, 400, field, text);

    [Fact]
    public Task Create_key_with_a_name_over_100_characters_is_400_naming_name() =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.Operator, "POST", Keys,
            $"{{\"role\": \"Support\", \"name\": \"{new string('n', 101)}\"}}", 400, "name", "at most 100 characters");

    [Fact]
    public Task Create_key_as_text_is_415_naming_the_content_type() =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.Operator, "POST", Keys, "role=Integrator", 415, "Content-Type", "not supported",
            "text/plain");

    [Theory]
    [InlineData("GET", "/operator/tenants/-tenant/apiKeys")]
    [InlineData("GET", "/operator/tenants/ten%20ant/apiKeys")]
    [InlineData("GET", "/operator/tenants/ten@nt/apiKeys")]
    [InlineData("GET", "/operator/tenants/.hidden/apiKeys")]
    [InlineData("GET", "/operator/tenants/tenant%2Fother/apiKeys")]
    [InlineData("POST", "/operator/tenants/-tenant/apiKeys")]
    [InlineData("POST", "/operator/tenants/ten%C3%A4nt/apiKeys")]
    [InlineData("DELETE", "/operator/tenants/-tenant/apiKeys/0123456789ab")]
    [InlineData("DELETE", "/operator/tenants/ten%3Bant/apiKeys/0123456789ab")]
    public Task A_malformed_tenant_id_is_400_naming_tenantId(string method, string path) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.Operator, method, path, method == "POST" ? "{\"role\": \"Integrator\"}" : null,
            400, "tenantId", "must be 1-64 letters");

    [Fact]
    public Task A_tenant_id_over_64_characters_is_400_naming_tenantId() =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.Operator, "GET", $"/operator/tenants/{new string('t', 65)}/apiKeys", null,
            400, "tenantId", "must be 1-64 letters");

    [Theory]
    [InlineData("xyz")]
    [InlineData("0123456789AB")]
    [InlineData("0123456789abc")]
    [InlineData("0123456789a")]
    [InlineData("0123456789ag")]
    public Task Revoking_a_malformed_key_id_is_400_naming_keyId(string keyId) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.Operator, "DELETE", $"{Keys}/{keyId}", null, 400, "keyId", "is not an API key id");

    [Fact]
    public Task Revoking_an_unknown_key_is_404() =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.Operator, "DELETE", $"{Keys}/0123456789ab", null, 404, null,
            "API key 0123456789ab not found for tenant tenant-bad-input");

    [Theory]
    [InlineData(TestApiKeys.IntegratorA, "GET", Keys)]
    [InlineData(TestApiKeys.IntegratorA, "POST", Keys)]
    [InlineData(TestApiKeys.IntegratorA, "DELETE", Keys + "/0123456789ab")]
    [InlineData(TestApiKeys.Support, "GET", Keys)]
    [InlineData(TestApiKeys.Support, "POST", Keys)]
    [InlineData(TestApiKeys.Support, "DELETE", Keys + "/0123456789ab")]
    public Task Non_operator_keys_are_403(string apiKey, string method, string path) =>
        ApiCall.AssertRefusedAsync(host, apiKey, method, path, method == "POST" ? "{\"role\": \"Operator\"}" : null, 403, null,
            "role may not call this endpoint");

    [Theory]
    [InlineData("GET", Keys)]
    [InlineData("POST", Keys)]
    [InlineData("DELETE", Keys + "/0123456789ab")]
    public Task Anonymous_calls_are_401(string method, string path) =>
        ApiCall.AssertRefusedAsync(host, null, method, path, method == "POST" ? "{\"role\": \"Operator\"}" : null, 401, null, "Unauthorized");
}
