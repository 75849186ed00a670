using System.Text;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>
/// Oversized bodies on every endpoint that reads one (each at its own limit), and unknown credentials asked twice (the
/// second answered from the negative cache): each with its exact status and Codat's error body, never a 500.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class LimitsBadInputTests(ApiHostFixture host)
{
    public static TheoryData<string, string, string, int, int> Oversized()
    {
        var data = new TheoryData<string, string, string, int, int>();
        var endpoints = new (string Key, string Method, string Path, int LimitKiB)[]
        {
            (TestApiKeys.IntegratorA, "POST", "/companies", 256),
            (TestApiKeys.IntegratorA, "PUT", "/companies/{companyA}", 256),
            (TestApiKeys.IntegratorA, "PATCH", "/companies/{companyA}", 256),
            (TestApiKeys.IntegratorA, "POST", "/companies/{companyA}/connections", 16),
            (TestApiKeys.IntegratorA, "PATCH", "/companies/{companyA}/connections/{connectionA}", 16),
            (TestApiKeys.IntegratorA, "POST", "/webhooks", 16),
        };
        foreach (var (key, method, path, limitKiB) in endpoints)
        {
            data.Add(key, method, path, limitKiB, (limitKiB * 1024) + 1);
            data.Add(key, method, path, limitKiB, 1024 * 1024);
        }

        return data;
    }

    public static TheoryData<string> UnknownCredentials =>
    [
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("unknown-key-" + Guid.NewGuid().ToString("N"))),
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("unknown-key-" + Guid.NewGuid().ToString("N") + ":")),
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('k', 512))),
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x")),
        "basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestApiKeys.IntegratorA + "-revoked")),
        "Basic !!!not-base64!!!",
        "Basic ",
        "Bearer " + Guid.NewGuid().ToString("N"),
        "Digest username=\"a\"",
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestApiKeys.IntegratorA.ToUpperInvariant())),
    ];

    public static TheoryData<string, string> UnknownKeyOnEveryAudience()
    {
        var data = new TheoryData<string, string>();
        var paths = new[]
        {
            "/companies", "/companies/{companyA}", "/companies/{companyA}/connections", "/companies/{companyA}/dataStatus",
            "/webhooks", "/webhooks/deliveries", "/integrations", "/support/audit", "/operator/silos", "/dashboard/ClusterStats",
        };
        foreach (var path in paths)
        {
            data.Add("GET", path);
        }

        data.Add("POST", "/companies");
        data.Add("POST", "/webhooks");
        data.Add("DELETE", "/webhooks/{unknown}");
        data.Add("POST", "/companies/{companyA}/data/all");
        data.Add("POST", "/companies/{companyA}/data/queue/invoices");
        data.Add("PATCH", "/companies/{companyA}");
        data.Add("PUT", "/support/connectors/{unknown}/restart-link");
        data.Add("POST", "/support/connectors/{unknown}/revoke");
        data.Add("GET", "/operator/grain-calls");
        data.Add("GET", "/dashboard/Trace");
        return data;
    }

    [Theory]
    [MemberData(nameof(UnknownKeyOnEveryAudience))]
    public async Task An_unknown_key_is_401_on_every_audience_and_again_from_the_cache(string method, string path)
    {
        var key = "unknown-key-" + Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await ApiCall.AssertRefusedAsync(host, key, method, path, method is "GET" or "DELETE" ? null : "{\"name\":\"x\"}", 401, null, "Unauthorized");
        }
    }

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task A_body_over_the_endpoint_limit_is_413_naming_the_body(string key, string method, string path, int limitKiB, int size)
    {
        var body = "{\"name\":\"" + new string('x', size) + "\"}";
        await ApiCall.AssertRefusedAsync(host, key, method, path, body, 413, "body", $"larger than {limitKiB} KiB");
    }

    [Theory]
    [MemberData(nameof(UnknownCredentials))]
    public async Task An_unknown_credential_is_401_and_again_401_from_the_negative_cache(string authorization)
    {
        using var http = host.Client(apiKey: null);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/companies");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await http.SendAsync(request);
            await ApiCall.AssertCodatErrorAsync(response, 401, null, "Unauthorized");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        }
    }
}
