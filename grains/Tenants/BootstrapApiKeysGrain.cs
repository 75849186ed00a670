using Ledgerlink.Tenants;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Tenants;

/// <summary>
/// Reconciles the configured bootstrap keys with those an earlier start registered: new ones are registered, missing
/// ones revoked. A revoked key that configuration still lists stays revoked (it is skipped, with a warning), so an
/// operator's revoke survives a configuration nobody updated.
/// </summary>
public sealed class BootstrapApiKeysGrain(
    [PersistentState("bootstrapApiKeys")] IPersistentState<BootstrapApiKeysState> state,
    ILogger<BootstrapApiKeysGrain> logger) : Grain, IBootstrapApiKeysGrain
{
    public async Task<IReadOnlyList<string>> Reconcile(IReadOnlyDictionary<string, ApiKeyInfo> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var revoked = new List<string>();
        foreach (var (hash, info) in state.State.Keys)
        {
            if (!configured.ContainsKey(hash))
            {
                await GrainFactory.GetGrain<IApiKeyDirectoryGrain>(info.TenantId).Revoke(info.KeyId);
                await GrainFactory.GetGrain<IApiKeyGrain>(hash).Revoke();
                revoked.Add(info.KeyId);
                TenantLog.BootstrapKeyRevoked(logger, info.KeyId, info.TenantId);
            }
        }

        var registered = new Dictionary<string, ApiKeyInfo>(StringComparer.Ordinal);
        foreach (var (hash, info) in configured)
        {
            if (await GrainFactory.GetGrain<IApiKeyGrain>(hash).Describe() is { Revoked: not null })
            {
                TenantLog.BootstrapKeyStillRevoked(logger, info.KeyId, info.TenantId);
                continue;
            }

            await GrainFactory.GetGrain<IApiKeyDirectoryGrain>(info.TenantId).Add(hash, info);
            registered[hash] = info;
        }

        state.State.Keys = registered;
        await state.WriteStateAsync();
        return revoked;
    }
}
