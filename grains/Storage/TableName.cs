using System.Text.RegularExpressions;

namespace Ledgerlink.Grains.Storage;

/// <summary>Azure's rule for table names, checked at start so a typo is reported by setting name.</summary>
public static partial class TableName
{
    public const string Rule = "3-63 letters and digits, starting with a letter";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex Pattern();
}
