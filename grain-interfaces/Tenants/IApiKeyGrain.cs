namespace Ledgerlink.Tenants;

/// <summary>
/// One API key (key: lowercase hex SHA-256 of the key as the caller presents it). It is the single owner of whether the
/// key works: every request asks it, so a revocation holds on every silo from the moment <see cref="Revoke"/> returns.
/// </summary>
[Alias("Ledgerlink.Tenants.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<ApiKeyInfo?> Get();

    /// <summary>
    /// The key's owner when it is registered and not revoked (null otherwise), noting the use: last-used is kept in
    /// memory and written at most once a minute, so authentication costs no storage write per request.
    /// </summary>
    [Alias("Authenticate")]
    Task<ApiKeyInfo?> Authenticate();

    /// <summary>The key's owner, last use and revocation, for listings; null when nothing was ever registered here.</summary>
    [Alias("Describe")]
    Task<ApiKeyListing?> Describe();

    /// <summary>Stores the key's owner and role; idempotent for the same info, so bootstrap keys can be re-registered at every start.</summary>
    [Alias("Register")]
    Task Register(ApiKeyInfo info);

    [Alias("Revoke")]
    Task Revoke();
}
