using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Operator.Models;

/// <summary>Body of <c>POST /operator/tenants/{tenantId}/apiKeys</c>.</summary>
public sealed record ApiKeyCreateBody(string? Role, string? Name);

/// <summary>One key as listed: its id and prefix, never the key or its hash.</summary>
public sealed record ApiKeyResponse(
    string Id, string? Prefix, string TenantId, string Role, string? Name, DateTimeOffset Created, DateTimeOffset? LastUsed,
    DateTimeOffset? Revoked, string Status)
{
    public static ApiKeyResponse From(ApiKeyListing listing) => new(
        listing.Info.KeyId,
        listing.Info.Prefix,
        listing.Info.TenantId,
        listing.Info.Role.ToString(),
        listing.Info.Name,
        listing.Info.Created,
        listing.LastUsed,
        listing.Revoked,
        listing.Revoked is null ? "Active" : "Revoked");
}

/// <summary>The answer to creating a key: the only time the key itself is ever shown.</summary>
public sealed record CreatedApiKeyResponse(string Id, string Key, string Prefix, string TenantId, string Role, string? Name, DateTimeOffset Created);

public sealed record ApiKeysResponse(IReadOnlyList<ApiKeyResponse> Results);
