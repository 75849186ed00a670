using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.Tenants;

/// <summary>
/// Turns an API key into the key of its <see cref="IApiKeyGrain"/>: the lowercase hex SHA-256 of the key as the caller
/// presents it. Only the hash reaches grain ids, storage and logs, so none of them can be replayed as a credential.
/// </summary>
/// <remarks>
/// A plain, unsalted hash is enough here because keys are long random strings (<see cref="ApiKeyGenerator"/>): there is
/// no dictionary to attack, and a deterministic hash is what lets a request find its grain in one lookup.
/// </remarks>
public static class ApiKeyHash
{
    /// <summary>Characters in a hash: 32 bytes as hex.</summary>
    public const int Length = 64;

    public static string Compute(string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
    }

    /// <summary>True for a string shaped like <see cref="Compute"/>'s output; guards against a raw key used as a grain key.</summary>
    public static bool IsHash(string? value) =>
        value is { Length: Length } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The grain of a raw API key, as presented by a caller.</summary>
    public static IApiKeyGrain GetApiKeyGrain(this IGrainFactory grainFactory, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        return grainFactory.GetGrain<IApiKeyGrain>(Compute(apiKey));
    }
}
