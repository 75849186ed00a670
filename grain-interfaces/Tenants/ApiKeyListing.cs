namespace Ledgerlink.Tenants;

/// <summary>What an operator sees of one key: never the key or its hash, only its id, prefix, role and use.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Tenants.ApiKeyListing")]
public sealed record ApiKeyListing(
    [property: Id(0)] ApiKeyInfo Info,
    [property: Id(1)] DateTimeOffset? LastUsed,
    [property: Id(2)] DateTimeOffset? Revoked);
