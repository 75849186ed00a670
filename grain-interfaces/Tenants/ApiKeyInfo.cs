namespace Ledgerlink.Tenants;

/// <summary>An API key's owner and role. The key itself is never stored: the grain's key is its SHA-256 hash.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Tenants.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] ApiRole Role,
    [property: Id(3)] string? Name,
    [property: Id(4)] DateTimeOffset Created);
