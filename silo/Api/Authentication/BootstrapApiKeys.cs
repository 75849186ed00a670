using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Authentication;

/// <summary>
/// API keys from configuration (<c>Ledgerlink:Api:BootstrapKeys</c>), registered (hashed) at every start so a fresh
/// deployment has a key to call the API with; a key an earlier start registered that configuration no longer lists is
/// revoked. Keys are never logged; only their id and role are.
/// </summary>
public sealed partial class BootstrapApiKeys(IGrainFactory grains, ApiOptions options, ILogger<BootstrapApiKeys> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = new Dictionary<string, ApiKeyInfo>(StringComparer.Ordinal);
        foreach (var key in options.BootstrapKeys)
        {
            var hash = ApiKeyHash.Compute(key.Key!);
            configured[hash] = new ApiKeyInfo(
                hash[..12], key.TenantId!, key.Role, key.Name ?? "bootstrap", DateTimeOffset.UnixEpoch, ApiKeyInfo.PrefixOf(key.Key!));
        }

        var revoked = await grains.GetGrain<IBootstrapApiKeysGrain>(IBootstrapApiKeysGrain.SingletonKey).Reconcile(configured);
        foreach (var info in configured.Values)
        {
            LogRegistered(logger, info.KeyId, info.TenantId, info.Role);
        }

        foreach (var keyId in revoked)
        {
            LogRevoked(logger, keyId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Bootstrap API key {KeyId} configured for tenant {TenantId} as {Role}")]
    private static partial void LogRegistered(ILogger logger, string keyId, string tenantId, ApiRole role);

    [LoggerMessage(LogLevel.Warning, "Bootstrap API key {KeyId} was removed from configuration and is revoked")]
    private static partial void LogRevoked(ILogger logger, string keyId);
}
