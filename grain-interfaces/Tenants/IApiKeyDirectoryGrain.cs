namespace Ledgerlink.Tenants;

/// <summary>
/// The API keys of one tenant (key: tenant id), so operators can list and revoke them by key id. It holds only key ids
/// and hashes; each key's grain stays the one that decides whether the key works.
/// </summary>
[Alias("Ledgerlink.Tenants.IApiKeyDirectoryGrain")]
public interface IApiKeyDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Registers a key (by its hash) with its grain and lists it under the tenant; idempotent.</summary>
    [Alias("Add")]
    Task Add(string keyHash, ApiKeyInfo info);

    /// <summary>The tenant's keys, revoked ones included, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ApiKeyListing>> List();

    /// <summary>Revokes the key with this id; false when the tenant has no such key.</summary>
    [Alias("Revoke")]
    Task<bool> Revoke(string keyId);
}
