using Ledgerlink.Tenants;

namespace Ledgerlink.Grains.Tenants;

/// <summary>An API key's owner, and when it was revoked: a revoked key keeps its record so it can never come back.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Tenants.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)]
    public ApiKeyInfo? Info { get; set; }

    [Id(1)]
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Last successful authentication as last written; the grain may know a newer one (written at most once a minute).</summary>
    [Id(2)]
    public DateTimeOffset? LastUsed { get; set; }
}
