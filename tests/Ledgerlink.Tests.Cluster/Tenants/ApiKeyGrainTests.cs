using Ledgerlink.Tenants;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Ledgerlink.Tests.Tenants;

/// <summary>API keys registered, read, revoked, in a real silo with state in Azurite, always by the key's hash.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApiKeyGrainTests(AzuriteFixture azurite, TenantClusterFixture clusters)
    : IClassFixture<TenantClusterFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Created = new(2026, 1, 5, 8, 30, 0, TimeSpan.Zero);

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await clusters.GetClusterAsync(azurite);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_registered_key_is_found_by_its_hash_and_survives_reactivation()
    {
        var apiKey = ApiKeyGenerator.NewKey();
        var info = new ApiKeyInfo("key-1", "tenant-a", ApiRole.Integrator, "CI pipeline", Created);

        Assert.Null(await _cluster.Client.GetApiKeyGrain(apiKey).Get());
        await _cluster.Client.GetApiKeyGrain(apiKey).Register(info);
        await _cluster.DeactivateAsync(_cluster.Client.GetApiKeyGrain(apiKey));

        Assert.Equal(info, await _cluster.Client.GetGrain<IApiKeyGrain>(ApiKeyHash.Compute(apiKey)).Get());
        Assert.Null(await _cluster.Client.GetApiKeyGrain(ApiKeyGenerator.NewKey()).Get());
    }

    [Fact]
    public async Task Registering_the_same_owner_again_is_idempotent_and_keeps_the_first_creation_time()
    {
        var key = _cluster.Client.GetApiKeyGrain(ApiKeyGenerator.NewKey());
        var info = new ApiKeyInfo("key-2", "tenant-a", ApiRole.Support, "Support desk", Created);
        await key.Register(info);

        await key.Register(info);
        await key.Register(info with { Created = Created.AddDays(3) });

        Assert.Equal(info, await key.Get());
    }

    [Fact]
    public async Task A_key_cannot_be_moved_to_another_tenant_role_or_name()
    {
        var key = _cluster.Client.GetApiKeyGrain(ApiKeyGenerator.NewKey());
        var info = new ApiKeyInfo("key-3", "tenant-a", ApiRole.Integrator, null, Created);
        await key.Register(info);

        await Assert.ThrowsAsync<InvalidOperationException>(() => key.Register(info with { TenantId = "tenant-b" }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => key.Register(info with { Role = ApiRole.Operator }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => key.Register(info with { Name = "renamed" }));
        Assert.Equal(info, await key.Get());
    }

    [Fact]
    public async Task A_revoked_key_is_gone_for_good()
    {
        var key = _cluster.Client.GetApiKeyGrain(ApiKeyGenerator.NewKey());
        var info = new ApiKeyInfo("key-4", "tenant-a", ApiRole.Operator, "Ops", Created);
        await key.Register(info);

        await key.Revoke();
        await key.Revoke();
        await _cluster.DeactivateAsync(key);

        Assert.Null(await key.Get());
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => key.Register(info));
        Assert.Contains("revoked", refused.Message, StringComparison.Ordinal);
        Assert.Null(await key.Get());
    }

    [Fact]
    public async Task A_grain_keyed_by_a_raw_key_refuses_to_store_it()
    {
        var rawKey = ApiKeyGenerator.NewKey();
        var misused = _cluster.Client.GetGrain<IApiKeyGrain>(rawKey);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            misused.Register(new ApiKeyInfo("key-5", "tenant-a", ApiRole.Integrator, null, Created)));
        Assert.Null(await misused.Get());
    }
}
