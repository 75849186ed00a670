using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>Which installed "Sage Line 50 vNN" driver reads a company, and why (said in the agent's log).</summary>
public sealed partial record SageDriverChoice(string Driver, string Reason)
{
    public const string DriverPrefix = "Sage Line 50";

    /// <summary>
    /// The driver whose version equals the data's; without a known data version, the newest installed. Null when no
    /// Sage driver is installed at all. A driver of another version is not chosen when the data's version is known
    /// and its own driver is missing: Sage's drivers refuse data of another version, so that is reported as missing.
    /// </summary>
    public static SageDriverChoice? Choose(IEnumerable<string> installedDrivers, int? dataVersion)
    {
        var sage = installedDrivers
            .Select(name => (Name: name, Version: VersionOf(name)))
            .Where(d => d.Version is not null)
            .OrderByDescending(d => d.Version)
            .ToList();
        if (dataVersion is { } wanted)
        {
            var match = sage.FirstOrDefault(d => d.Version == wanted);
            return match.Name is null ? null : new SageDriverChoice(match.Name, $"matches the data's version {wanted}");
        }

        return sage.Count == 0 ? null : new SageDriverChoice(sage[0].Name, "the newest installed; the data's version is not known from its folder");
    }

    /// <summary>The driver name expected for a data version, to name it when it is missing.</summary>
    public static string NameFor(int? dataVersion) => dataVersion is { } v ? $"{DriverPrefix} v{v}" : $"{DriverPrefix} vNN";

    private static int? VersionOf(string driverName)
    {
        var match = SageDriverName().Match(driverName);
        return match.Success ? int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^Sage Line 50 v(?<version>\d{2,3})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SageDriverName();
}
