using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Authentication;

/// <summary>
/// API keys from configuration (<c>Ledgerlink:Api:BootstrapKeys</c>), registered (hashed) at every start so a fresh
/// deployment has a key to call the API with. Keys are never logged; only their id and role are.
/// </summary>
public sealed partial class BootstrapApiKeys(IGrainFactory grains, ApiOptions options, ILogger<BootstrapApiKeys> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var key in options.BootstrapKeys)
        {
            var hash = ApiKeyHash.Compute(key.Key!);
            var info = new ApiKeyInfo(hash[..12], key.TenantId!, key.Role, key.Name ?? "bootstrap", DateTimeOffset.UnixEpoch);
            await grains.GetGrain<IApiKeyGrain>(hash).Register(info);
            LogRegistered(logger, info.KeyId, info.TenantId, info.Role);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Bootstrap API key {KeyId} registered for tenant {TenantId} as {Role}")]
    private static partial void LogRegistered(ILogger logger, string keyId, string tenantId, ApiRole role);
}
