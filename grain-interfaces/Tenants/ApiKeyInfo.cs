namespace Ledgerlink.Tenants;

/// <summary>
/// An API key's owner and role. The key itself is never stored: the grain's key is its SHA-256 hash.
/// <paramref name="Prefix"/> is the first characters of the key, shown in listings so an operator can tell keys apart.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Tenants.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] ApiRole Role,
    [property: Id(3)] string? Name,
    [property: Id(4)] DateTimeOffset Created,
    [property: Id(5)] string? Prefix = null)
{
    /// <summary>Characters of a key shown as its prefix: about 36 bits of a 238-bit key, enough to recognise, far from enough to guess.</summary>
    public const int PrefixLength = 6;

    public static string PrefixOf(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        return apiKey.Length <= PrefixLength ? string.Empty : apiKey[..PrefixLength];
    }
}
