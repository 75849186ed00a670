using System.Text.RegularExpressions;

namespace Ledgerlink.Grains.Storage;

/// <summary>Azure's rule for container names, checked at start so a typo is reported by setting name.</summary>
public static partial class BlobContainerName
{
    public const string Rule = "3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
