using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>
/// Which Sage 50 Accounts version a company's data belongs to, as far as the agent can tell without opening it.
/// Sage keeps each version's companies under <c>…\Sage\Accounts\&lt;year&gt;\</c> (Sage 50 Accounts v30 is the
/// 2024 release, and so on: the major version is the year minus 1994), and its driver is registered as
/// <c>Sage Line 50 v&lt;major&gt;</c>; the year in the data path is therefore the version the driver must match.
/// </summary>
/// <remarks>
/// Sage also records the data version inside ACCDATA (SETUP.DTA), but its layout is not published; the path is used
/// instead, and when it names no year the newest installed driver is tried (a mismatch is then reported by the
/// driver itself and mapped to <see cref="Sage50AccessProblem.UnsupportedVersion"/>).
/// </remarks>
public static partial class SageDataVersion
{
    private const int FirstReleaseYear = 2010;
    private const int YearToVersion = 1994;

    /// <summary>The major version the path implies, or null when the path does not say.</summary>
    public static int? FromPath(string dataDirectory)
    {
        var match = AccountsYear().Match(dataDirectory.Replace('\\', '/'));
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        return year is >= FirstReleaseYear and <= 2099 ? year - YearToVersion : null;
    }

    [GeneratedRegex(@"/Accounts/(?<year>\d{4})(/|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccountsYear();
}
