namespace Ledgerlink.Tenants;

/// <summary>One API key (key: lowercase hex SHA-256 of the key as the caller presents it).</summary>
[Alias("Ledgerlink.Tenants.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<ApiKeyInfo?> Get();

    /// <summary>Stores the key's owner and role; idempotent for the same info, so bootstrap keys can be re-registered at every start.</summary>
    [Alias("Register")]
    Task Register(ApiKeyInfo info);

    [Alias("Revoke")]
    Task Revoke();
}
