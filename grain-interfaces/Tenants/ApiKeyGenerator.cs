using System.Security.Cryptography;

namespace Ledgerlink.Tenants;

/// <summary>Issues new API keys shaped like Codat's: 40 random letters and digits, safe in URLs, headers and shells.</summary>
public static class ApiKeyGenerator
{
    public const int Length = 40;

    /// <summary>62 symbols: 40 of them carry about 238 bits, far beyond guessing.</summary>
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewKey() => RandomNumberGenerator.GetString(Alphabet, Length);
}
