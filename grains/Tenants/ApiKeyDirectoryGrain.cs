using Ledgerlink.Tenants;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Tenants;

/// <summary>
/// The index of one tenant's API keys. Listing asks each key's grain for its use and revocation, so the directory never
/// holds a second copy of anything that decides access.
/// </summary>
public sealed class ApiKeyDirectoryGrain(
    [PersistentState("apiKeyDirectory")] IPersistentState<ApiKeyDirectoryState> state,
    ILogger<ApiKeyDirectoryGrain> logger) : Grain, IApiKeyDirectoryGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task Add(string keyHash, ApiKeyInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!ApiKeyHash.IsHash(keyHash))
        {
            throw new ArgumentException("Keys are listed by their hash, never by the key itself.", nameof(keyHash));
        }

        if (info.TenantId != TenantId)
        {
            throw new ArgumentException($"Key {info.KeyId} belongs to tenant {info.TenantId}, not {TenantId}.", nameof(info));
        }

        // The key's grain refuses a revoked or reassigned key; listing comes after, so a refused key is never listed.
        await GrainFactory.GetGrain<IApiKeyGrain>(keyHash).Register(info);
        if (state.State.KeyHashes.TryGetValue(info.KeyId, out var known) && known == keyHash)
        {
            return;
        }

        state.State.KeyHashes[info.KeyId] = keyHash;
        await state.WriteStateAsync();
        TenantLog.ApiKeyListed(logger, TenantId, info.KeyId, info.Role);
    }

    public async Task<IReadOnlyList<ApiKeyListing>> List()
    {
        var listings = await Task.WhenAll(state.State.KeyHashes.Values.Select(hash => GrainFactory.GetGrain<IApiKeyGrain>(hash).Describe()));
        return
        [
            .. listings.OfType<ApiKeyListing>()
                .OrderBy(listing => listing.Info.Created)
                .ThenBy(listing => listing.Info.KeyId, StringComparer.Ordinal),
        ];
    }

    public async Task<bool> Revoke(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (!state.State.KeyHashes.TryGetValue(keyId, out var hash))
        {
            return false;
        }

        await GrainFactory.GetGrain<IApiKeyGrain>(hash).Revoke();
        TenantLog.ApiKeyRevoked(logger, TenantId, keyId);
        return true;
    }
}
