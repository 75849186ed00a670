using Ledgerlink.Tenants;

namespace Ledgerlink.Grains.Tenants;

/// <summary>
/// One API key, keyed by its hash (<see cref="ApiKeyHash"/>). Registration is idempotent so bootstrap keys can be
/// registered at every start; revocation is final, so a leaked key stays dead even if a configuration still lists it.
/// </summary>
/// <remarks>
/// This grain is the only place that says whether a key works; no silo caches a positive answer, so a revoke is in
/// force on every silo as soon as its write returns (one activation in the cluster answers every request).
/// </remarks>
public sealed class ApiKeyGrain([PersistentState("apiKey")] IPersistentState<ApiKeyState> state, TimeProvider time)
    : Grain, IApiKeyGrain
{
    /// <summary>How stale the stored last-used time may get: writing it on every request would cost a blob write per call.</summary>
    public static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _lastUsed;

    public Task<ApiKeyInfo?> Get() => Task.FromResult(state.State.RevokedAt is null ? state.State.Info : null);

    public async Task<ApiKeyInfo?> Authenticate()
    {
        if (state.State.Info is not { } info || state.State.RevokedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        _lastUsed = now;
        if (state.State.LastUsed is not { } written || now - written >= LastUsedWriteInterval)
        {
            state.State.LastUsed = now;
            await state.WriteStateAsync();
        }

        return info;
    }

    public Task<ApiKeyListing?> Describe() => Task.FromResult(state.State.Info is { } info
        ? new ApiKeyListing(info, _lastUsed ?? state.State.LastUsed, state.State.RevokedAt)
        : null);

    /// <remarks>
    /// Registering again with the same key id, tenant, role and name succeeds and keeps the first <c>Created</c>, so a
    /// bootstrap that stamps "now" at every start is still idempotent. Anything else is refused: a key never changes hands.
    /// </remarks>
    public async Task Register(ApiKeyInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentException.ThrowIfNullOrWhiteSpace(info.KeyId, nameof(info));
        ArgumentException.ThrowIfNullOrWhiteSpace(info.TenantId, nameof(info));
        if (!Enum.IsDefined(info.Role))
        {
            throw new ArgumentException($"Unknown API role {info.Role}.", nameof(info));
        }

        if (!ApiKeyHash.IsHash(this.GetPrimaryKeyString()))
        {
            // Storing under any other key would write the raw key into grain ids, blob names and logs.
            throw new InvalidOperationException(
                $"API key grains are keyed by {nameof(ApiKeyHash)}.{nameof(ApiKeyHash.Compute)} of the key, never by the key itself.");
        }

        if (state.State.RevokedAt is not null)
        {
            throw new InvalidOperationException($"API key {info.KeyId} was revoked and cannot be registered again; issue a new key.");
        }

        if (state.State.Info is { } existing)
        {
            if (existing.KeyId == info.KeyId && existing.TenantId == info.TenantId
                && existing.Role == info.Role && existing.Name == info.Name)
            {
                return;
            }

            throw new InvalidOperationException(
                $"This API key is already registered as {existing.KeyId}; revoke it and issue a new key instead of reassigning it.");
        }

        state.State.Info = info;
        await state.WriteStateAsync();
    }

    public async Task Revoke()
    {
        if (state.State.Info is null || state.State.RevokedAt is not null)
        {
            return;
        }

        state.State.RevokedAt = time.GetUtcNow();
        state.State.LastUsed = _lastUsed ?? state.State.LastUsed;
        await state.WriteStateAsync();
    }
}
