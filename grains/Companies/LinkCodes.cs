using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// One-time link codes: 28 random characters of Crockford's base32 (140 bits) in groups of four, easy to read out and
/// type. Typing is forgiving (any case, spaces or hyphens, O for 0, I or L for 1); only the SHA-256 hash of the
/// normalised code is stored, and hashes are compared in constant time.
/// </summary>
public static class LinkCodes
{
    public const int Length = 28;

    public const string WrongCode =
        "The licence key and link code do not match. Check both on the link page, or ask the company that sent it for a new link code.";

    public const string UsedCode = "This link code has already been used. Ask the company that sent it for a new link code.";

    public const string ExpiredCode = "This link code has expired. Ask the company that sent it for a new link code.";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int GroupLength = 4;

    public static string Generate()
    {
        var raw = RandomNumberGenerator.GetString(Alphabet, Length);
        return string.Join('-', Enumerable.Range(0, Length / GroupLength).Select(i => raw.Substring(i * GroupLength, GroupLength)));
    }

    /// <summary>The hex SHA-256 of the normalised code, or null when <paramref name="code"/> cannot be a link code.</summary>
    public static string? Hash(string? code)
    {
        if (code is null || code.Length > 4 * Length)
        {
            return null;
        }

        var normalised = new StringBuilder(Length);
        foreach (var c in code)
        {
            if (c == '-' || char.IsWhiteSpace(c))
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            normalised.Append(upper);
        }

        return normalised.Length == Length
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalised.ToString())))
            : null;
    }

    /// <summary>Whether two hashes from <see cref="Hash"/> are equal, in time independent of where they differ.</summary>
    public static bool Matches(string? storedHash, string presentedHash) =>
        storedHash is not null && storedHash.Length == presentedHash.Length &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(presentedHash));
}
