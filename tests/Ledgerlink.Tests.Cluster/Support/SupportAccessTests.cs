using System.Net;
using System.Net.Http.Json;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Support;

/// <summary>Support endpoints answer support keys only, and refusals of every kind are written to the audit log.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SupportAccessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Support_endpoints_refuse_integrator_and_operator_keys_with_403_and_no_key_with_401()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var (companyId, _) = await scenario.LinkedCompanyAsync(scenario.IntegratorA, "Guarded Ltd");
        var datasetId = await SupportScenario.QueueAsync(scenario.IntegratorA, companyId, "invoices");
        var connector = $"/support/connectors/{scenario.ConnectorId}";
        var requests = new Func<HttpRequestMessage>[]
        {
            () => new HttpRequestMessage(HttpMethod.Get, connector),
            () => new HttpRequestMessage(HttpMethod.Put, $"{connector}/restart-link") { Content = JsonContent.Create(new { enabled = true }) },
            () => new HttpRequestMessage(HttpMethod.Post, $"{connector}/restart"),
            () => new HttpRequestMessage(HttpMethod.Get, $"{connector}/audit"),
            () => new HttpRequestMessage(HttpMethod.Post, $"/support/companies/{companyId}/pullOperations/{datasetId}/cancel"),
            () => new HttpRequestMessage(HttpMethod.Get, "/support/audit"),
        };

        using var anonymous = scenario.Silo.CreateHttpClient();
        using var operatorClient = scenario.Silo.CreateHttpClient(TestApiKeys.Operator);
        foreach (var make in requests)
        {
            using (var request = make())
            using (var response = await scenario.IntegratorA.SendAsync(request))
            {
                var body = await response.JsonAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
                Assert.Equal(403, body["statusCode"]!.GetValue<int>());
                Assert.False(string.IsNullOrEmpty(body["correlationId"]?.GetValue<string>()));
            }

            using (var request = make())
            using (var response = await operatorClient.SendAsync(request))
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }

            using (var request = make())
            using (var response = await anonymous.SendAsync(request))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal(401, (await response.JsonAsync())["statusCode"]!.GetValue<int>());
            }
        }

        // Hammering an endpoint adds no further entries: a repeated refusal within a minute is recorded once.
        for (var i = 0; i < 5; i++)
        {
            using var request = requests[2]();
            using var response = await scenario.IntegratorA.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // None of the refused calls did anything: the link is still off, no restart was sent, the sync still runs.
        var lookup = await scenario.Support.GetJsonAsync(connector);
        Assert.False(lookup["restartLinkEnabled"]!.GetValue<bool>());
        var operation = await SupportScenario.PullOperationAsync(scenario.IntegratorA, companyId, datasetId);
        Assert.Equal("Queued", operation["status"]!.GetValue<string>());

        // Each refusal is in the audit log with who tried.
        var audit = await scenario.Support.GetJsonAsync("/support/audit?pageSize=100");
        var refused = audit["results"]!.AsArray()
            .Where(e => e!["result"]!.GetValue<string>() == "Refused" && e["who"]!["role"]?.GetValue<string>() == "Integrator")
            .ToArray();
        Assert.Equal(requests.Length, refused.Length);
        Assert.All(refused, e =>
        {
            Assert.Equal(SupportScenario.KeyIdOf(TestApiKeys.IntegratorA), e!["who"]!["id"]!.GetValue<string>());
            Assert.Equal("ApiKey", e["who"]!["kind"]!.GetValue<string>());
            Assert.Equal(TestApiKeys.TenantA, e["who"]!["tenantId"]!.GetValue<string>());
        });
        Assert.Contains(refused, e => e!["action"]!.GetValue<string>() == "connector.restart"
                                      && e["target"]!["id"]!.GetValue<string>() == scenario.ConnectorId);
        Assert.Contains(refused, e => e!["action"]!.GetValue<string>() == "pullOperation.cancel"
                                      && e["target"]!["id"]!.GetValue<string>() == datasetId);
        Assert.Equal(requests.Length, audit["results"]!.AsArray()
            .Count(e => e!["who"]!["role"]?.GetValue<string>() == "Operator"));
    }

    [Fact]
    public async Task An_unknown_connector_id_answers_404_with_a_codat_error()
    {
        await using var scenario = await SupportScenario.StartAsync(azurite);
        var endpoints = new[]
        {
            ("GET", "/support/connectors/{0}"), ("PUT", "/support/connectors/{0}/restart-link"),
            ("POST", "/support/connectors/{0}/restart"), ("GET", "/support/connectors/{0}/audit"),
        };
        foreach (var (method, template) in endpoints)
        {
            foreach (var id in new[] { "no-such-connector", "bad id!" })
            {
                var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Uri.EscapeDataString(id));
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method == "PUT")
                {
                    request.Content = JsonContent.Create(new { enabled = true });
                }

                using var response = await scenario.Support.SendAsync(request);
                var body = await response.JsonAsync();
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
                Assert.Equal(404, body["statusCode"]!.GetValue<int>());
                Assert.Equal("PublicApi", body["service"]!.GetValue<string>());
                Assert.Contains(id, body["error"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }

        // The support endpoints are in the served OpenAPI document.
        var openApi = await scenario.Support.GetJsonAsync("/openapi/v1.json");
        Assert.NotNull(openApi["paths"]!["/support/connectors/{connectorId}"]);
        Assert.NotNull(openApi["paths"]!["/support/audit"]);

        // Refusals are audited too, against the id that was asked for.
        var audit = await scenario.Support.GetJsonAsync("/support/audit?pageSize=100");
        Assert.Equal(endpoints.Length, audit["results"]!.AsArray().Count(e =>
            e!["target"]!["id"]!.GetValue<string>() == "no-such-connector" && e["result"]!.GetValue<string>() == "Refused"
            && e["who"]!["id"]!.GetValue<string>() == SupportScenario.KeyIdOf(TestApiKeys.Support)));
    }
}
