namespace Ledgerlink.Releases;

/// <summary>Agent versions: two to four numbers (<c>1.4.0</c>), compared as numbers; nothing else is a version.</summary>
public static class ReleaseVersion
{
    public static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0);
        if (string.IsNullOrEmpty(text) || text.Length > 32 || text.Any(c => !char.IsAsciiDigit(c) && c != '.'))
        {
            return false;
        }

        if (!Version.TryParse(text, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }

    /// <summary>Negative when <paramref name="a"/> is older; missing parts count as 0 (1.4 = 1.4.0).</summary>
    public static int Compare(Version a, Version b) => Normalise(a).CompareTo(Normalise(b));

    private static Version Normalise(Version v) => new(v.Major, v.Minor, Math.Max(v.Build, 0), Math.Max(v.Revision, 0));
}
