using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Redis;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Tenants;

/// <summary>
/// API keys managed over the operator API of real silos: created (shown once), listed, used, revoked; bootstrap keys
/// removed from configuration; and a revoke that holds at once on both silos of a two-silo cluster.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApiKeyLifecycleTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_operator_creates_a_key_shown_once_lists_it_with_its_use_and_a_revoke_refuses_it_at_once()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var operators = silo.CreateHttpClient(TestApiKeys.Operator);

        var created = await CreateKeyAsync(operators, "tenant-keys", "Integrator", "CI pipeline");
        var key = created["key"]!.GetValue<string>();
        var keyId = created["id"]!.GetValue<string>();
        Assert.Equal(40, key.Length);
        Assert.Equal(key[..6], created["prefix"]!.GetValue<string>());

        using var integrator = silo.CreateHttpClient(key);
        using (var companies = await integrator.GetAsync(new Uri("/companies", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, companies.StatusCode);
        }

        var listed = (await operators.GetJsonAsync("/operator/tenants/tenant-keys/apiKeys"))["results"]!.AsArray();
        var entry = Assert.Single(listed)!;
        Assert.Equal(keyId, entry["id"]!.GetValue<string>());
        Assert.Equal(key[..6], entry["prefix"]!.GetValue<string>());
        Assert.Equal("Integrator", entry["role"]!.GetValue<string>());
        Assert.Equal("Active", entry["status"]!.GetValue<string>());
        Assert.NotNull(entry["created"]?.GetValue<DateTimeOffset>());
        Assert.NotNull(entry["lastUsed"]?.GetValue<DateTimeOffset>());
        var listingText = listed.ToJsonString();
        Assert.DoesNotContain(key, listingText, StringComparison.Ordinal);
        Assert.DoesNotContain(Ledgerlink.Tenants.ApiKeyHash.Compute(key), listingText, StringComparison.Ordinal);

        // Another tenant's listing does not show it.
        Assert.Empty((await operators.GetJsonAsync("/operator/tenants/tenant-other/apiKeys"))["results"]!.AsArray());

        using (var revoke = await operators.DeleteAsync(new Uri($"/operator/tenants/tenant-keys/apiKeys/{keyId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using (var refused = await integrator.GetAsync(new Uri("/companies", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var revoked = Assert.Single((await operators.GetJsonAsync("/operator/tenants/tenant-keys/apiKeys"))["results"]!.AsArray())!;
        Assert.Equal("Revoked", revoked["status"]!.GetValue<string>());
        Assert.NotNull(revoked["revoked"]?.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData(TestApiKeys.IntegratorA)]
    [InlineData(TestApiKeys.Support)]
    public async Task Integrator_and_support_keys_cannot_create_list_or_revoke_keys(string apiKey)
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var operators = silo.CreateHttpClient(TestApiKeys.Operator);
        var existing = await CreateKeyAsync(operators, TestApiKeys.TenantA, "Integrator", null);
        using var attacker = silo.CreateHttpClient(apiKey);

        using var create = await attacker.PostJsonAsync($"/operator/tenants/{TestApiKeys.TenantA}/apiKeys", new { role = "Operator" });
        using var list = await attacker.GetAsync(new Uri($"/operator/tenants/{TestApiKeys.TenantA}/apiKeys", UriKind.Relative));
        using var revoke = await attacker.DeleteAsync(
            new Uri($"/operator/tenants/{TestApiKeys.TenantA}/apiKeys/{existing["id"]!.GetValue<string>()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        var listed = (await operators.GetJsonAsync($"/operator/tenants/{TestApiKeys.TenantA}/apiKeys"))["results"]!.AsArray();
        Assert.Equal(["Active", "Active"], listed.Select(k => k!["status"]!.GetValue<string>()));
        Assert.DoesNotContain(listed, k => k!["role"]!.GetValue<string>() == "Operator");
        using var stillWorks = silo.CreateHttpClient(existing["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await stillWorks.GetAsync(new Uri("/companies", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Using_a_key_does_not_write_storage_on_every_request()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var integrator = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        Assert.Equal(HttpStatusCode.OK, (await integrator.GetAsync(new Uri("/companies", UriKind.Relative))).StatusCode);
        var before = await SnapshotAsync(silo);

        for (var i = 0; i < 20; i++)
        {
            using var response = await integrator.GetAsync(new Uri("/companies", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Last-used is written at most once a minute; twenty requests in a few seconds leave every state blob as it was.
        Assert.Equal(before, await SnapshotAsync(silo));
    }

    [Fact]
    public async Task A_bootstrap_key_removed_from_configuration_is_revoked_at_the_next_start()
    {
        const string removed = "bootstrap-key-to-remove-Ww3Xq8Zr5Ty1Vb";
        var settings = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:Api:BootstrapKeys:4:Key"] = removed,
            ["Ledgerlink:Api:BootstrapKeys:4:TenantId"] = TestApiKeys.TenantA,
            ["Ledgerlink:Api:BootstrapKeys:4:Role"] = "Integrator",
        });

        await using (var first = await RunningSilo.StartAsync(settings))
        {
            using var removedKey = first.CreateHttpClient(removed);
            Assert.Equal(HttpStatusCode.OK, (await removedKey.GetAsync(new Uri("/companies", UriKind.Relative))).StatusCode);
        }

        var without = new Dictionary<string, string?>(settings);
        foreach (var setting in settings.Keys.Where(k => k.StartsWith("Ledgerlink:Api:BootstrapKeys:4:", StringComparison.Ordinal)))
        {
            without.Remove(setting);
        }

        await using var second = await RunningSilo.StartAsync(without);
        using var again = second.CreateHttpClient(removed);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync(new Uri("/companies", UriKind.Relative))).StatusCode);
        using var kept = second.CreateHttpClient(TestApiKeys.IntegratorA);
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync(new Uri("/companies", UriKind.Relative))).StatusCode);
        using var operators = second.CreateHttpClient(TestApiKeys.Operator);
        var listed = (await operators.GetJsonAsync($"/operator/tenants/{TestApiKeys.TenantA}/apiKeys"))["results"]!.AsArray();
        Assert.Contains(listed, k => k!["prefix"]!.GetValue<string>() == removed[..6] && k["status"]!.GetValue<string>() == "Revoked");
    }

    [Fact]
    public async Task A_revoked_key_gets_401_at_once_on_both_silos_of_a_two_silo_cluster()
    {
        await using var redis = await RedisServer.StartAsync();
        var firstSettings = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:Clustering:Mode"] = "Redis",
            ["Ledgerlink:Clustering:RedisConnectionString"] = redis.ConnectionString,
        });
        var secondSettings = new Dictionary<string, string?>(firstSettings)
        {
            ["Ledgerlink:Clustering:SiloPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["Ledgerlink:Clustering:GatewayPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
        };
        await using var first = await RunningSilo.StartAsync(firstSettings);
        await using var second = await RunningSilo.StartAsync(secondSettings);
        using var operatorsOnFirst = first.CreateHttpClient(TestApiKeys.Operator);
        await Eventually.ValueAsync(
            () => operatorsOnFirst.GetJsonAsync("/operator/silos"),
            silos => silos.AsArray().Count(s => s!["status"]!.GetValue<string>() == "Active") == 2,
            Patience,
            "both silos active in the Redis membership table");

        var created = await CreateKeyAsync(operatorsOnFirst, "tenant-two-silos", "Integrator", "both silos");
        var key = created["key"]!.GetValue<string>();
        using var onFirst = first.CreateHttpClient(key);
        using var onSecond = second.CreateHttpClient(key);

        // Warm both silos' paths with the key, so any per-silo cache would now hold a positive answer.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync(new Uri("/companies", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync(new Uri("/companies", UriKind.Relative))).StatusCode);
        }

        using var operatorsOnSecond = second.CreateHttpClient(TestApiKeys.Operator);
        using (var revoke = await operatorsOnSecond.DeleteAsync(
                   new Uri($"/operator/tenants/tenant-two-silos/apiKeys/{created["id"]!.GetValue<string>()}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        // No polling: the very next request on either silo is refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await onFirst.GetAsync(new Uri("/companies", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onSecond.GetAsync(new Uri("/companies", UriKind.Relative))).StatusCode);
        using var create = await onFirst.PostJsonAsync("/companies", new { name = "After Revoke Ltd" });
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
    }

    private static async Task<JsonNode> CreateKeyAsync(HttpClient operators, string tenantId, string role, string? name)
    {
        using var response = await operators.PostJsonAsync($"/operator/tenants/{tenantId}/apiKeys", new { role, name });
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    private static async Task<string> SnapshotAsync(RunningSilo silo)
    {
        var container = new BlobServiceClient(silo.Settings["Ledgerlink:Storage:ConnectionString"])
            .GetBlobContainerClient(silo.Settings["Ledgerlink:Storage:GrainStateContainer"]);
        var lines = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            lines.Add($"{blob.Name} {blob.Properties.ETag}");
        }

        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }
}
