namespace Ledgerlink.Silo.Api.Authentication;

/// <summary>
/// What a configured bootstrap key must be: long, and not one of the values people paste from examples. A bootstrap
/// key is a long-lived credential somebody typed, so it gets checked before the silo accepts it.
/// </summary>
public static class BootstrapKeyPolicy
{
    public const int MinimumLength = 32;

    /// <summary>Fewer distinct characters than this is a pattern ("aaaa…", "abababab…"), not a secret.</summary>
    public const int MinimumDistinctCharacters = 8;

    /// <summary>Words that make a key guessable wherever they appear: defaults, placeholders, keyboard walks.</summary>
    private static readonly string[] WeakParts =
    [
        "password", "passw0rd", "changeme", "change-me", "change_me", "letmein", "secret", "qwerty", "123456", "abcdef",
        "default", "example", "placeholder", "your-api-key", "yourapikey", "your_api_key", "replace-me", "replaceme",
        "insert-key", "apikey-here", "xxxxxx", "000000", "111111", "admin",
    ];

    /// <summary>Why <paramref name="key"/> is refused, or null when it is acceptable.</summary>
    public static string? Refusal(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length < MinimumLength)
        {
            return $"must be at least {MinimumLength} characters (generate one: openssl rand -base64 33)";
        }

        if (key.Any(char.IsWhiteSpace))
        {
            return "must not contain spaces";
        }

        if (key.Distinct().Count() < MinimumDistinctCharacters)
        {
            return "is a repeated pattern, not a random key";
        }

        var weak = Array.Find(WeakParts, part => key.Contains(part, StringComparison.OrdinalIgnoreCase));
        return weak is null ? null : $"contains the well-known weak value '{weak}'";
    }
}
