using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.Grains.Webhooks;

/// <summary>
/// Signs and verifies webhooks the way Codat does (Svix / Standard Webhooks): the <c>webhook-signature</c> header carries
/// <c>v1,</c> and the base64 HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the base64 part
/// of the consumer's <c>whsec_</c> secret. Shared by the delivery grain, the HTTP layer, tests and the README examples.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>Random bytes in a generated secret (Svix uses 24).</summary>
    public const int GeneratedSecretBytes = 24;

    /// <summary>Bounds of an accepted secret's key, as Svix enforces them.</summary>
    public const int MinSecretBytes = 24;

    public const int MaxSecretBytes = 64;

    private const string VersionPrefix = "v1,";

    /// <summary>How far a timestamp may be from now before <see cref="Verify"/> treats the request as replayed.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>A new signing secret: <c>whsec_</c> and the base64 of <see cref="GeneratedSecretBytes"/> random bytes.</summary>
    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedSecretBytes));

    public static bool IsValidSecret(string? secret) => TryDecodeSecret(secret, out _);

    /// <summary>The <c>webhook-signature</c> header value for one request.</summary>
    /// <exception cref="ArgumentException">The secret is not a <c>whsec_</c> secret of 24 to 64 base64 bytes.</exception>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(body);
        if (!TryDecodeSecret(secret, out var key))
        {
            throw new ArgumentException(
                $"A signing secret is '{SecretPrefix}' followed by {MinSecretBytes} to {MaxSecretBytes} bytes in base64.",
                nameof(secret));
        }

        return VersionPrefix + Convert.ToBase64String(Mac(key, id, timestamp, body));
    }

    public static string Sign(string secret, string id, DateTimeOffset timestamp, string body) =>
        Sign(secret, id, timestamp.ToUnixTimeSeconds(), body);

    /// <summary>
    /// True when <paramref name="signatureHeader"/> holds a <c>v1</c> signature of this id, timestamp and body under
    /// <paramref name="secret"/>, and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// The header may list several space-separated signatures (secret rotation); one match is enough.
    /// </summary>
    public static bool Verify(
        string secret,
        string? id,
        string? timestamp,
        string? body,
        string? signatureHeader,
        TimeSpan? tolerance = null,
        DateTimeOffset? now = null)
    {
        if (!TryDecodeSecret(secret, out var key))
        {
            throw new ArgumentException($"A signing secret starts with '{SecretPrefix}'.", nameof(secret));
        }

        if (string.IsNullOrEmpty(id) || body is null || string.IsNullOrEmpty(signatureHeader)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var age = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() - seconds;
        if (Math.Abs(age) > (tolerance ?? DefaultTolerance).TotalSeconds)
        {
            return false;
        }

        var expected = Mac(key, id, seconds, body);
        Span<byte> candidate = stackalloc byte[expected.Length];
        foreach (var signature in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (signature.StartsWith(VersionPrefix, StringComparison.Ordinal)
                && Convert.TryFromBase64String(signature[VersionPrefix.Length..], candidate, out var written)
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(candidate, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Mac(byte[] key, string id, long timestamp, string body) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));

    private static bool TryDecodeSecret(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = secret[SecretPrefix.Length..];
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length)
            || length is < MinSecretBytes or > MaxSecretBytes)
        {
            return false;
        }

        key = buffer[..length];
        return true;
    }
}
