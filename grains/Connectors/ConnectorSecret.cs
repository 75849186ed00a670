using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.Grains.Connectors;

/// <summary>A connector's secret: 256 random bits, handed out once and kept only as its SHA-256 hash.</summary>
public static class ConnectorSecret
{
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(HashBytes(secret));

    /// <summary>Compares in constant time, so response timing reveals nothing about how much of a guess was right.</summary>
    public static bool Matches(string? secret, string? storedHash)
    {
        if (secret is null || storedHash is null)
        {
            return false;
        }

        byte[] expected;
        try
        {
            expected = Convert.FromHexString(storedHash);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(HashBytes(secret), expected);
    }

    private static byte[] HashBytes(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
