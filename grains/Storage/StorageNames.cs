using System.Text.RegularExpressions;

namespace Ledgerlink.Grains.Storage;

/// <summary>Azure's rules for container and table names, checked at start so a typo is reported by setting name.</summary>
public static partial class StorageNames
{
    public const string ContainerRule = "3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit";

    public const string TableRule = "3-63 letters and digits, starting with a letter";

    public static bool IsValidContainer(string? name) => name is not null && ContainerPattern().IsMatch(name);

    public static bool IsValidTable(string? name) => name is not null && TablePattern().IsMatch(name);

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TablePattern();
}
