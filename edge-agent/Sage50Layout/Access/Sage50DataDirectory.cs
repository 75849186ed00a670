namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>
/// Sage's folder conventions. Help &gt; About shows the company folder, which holds ACCDATA; people also paste the
/// ACCDATA folder itself (it is what the ODBC driver's DIR= wants), so both are accepted.
/// </summary>
public static class Sage50DataDirectory
{
    public const string AccDataFolderName = "ACCDATA";

    /// <summary>The fake company's database file inside ACCDATA (a real company has Sage's own .DTA files there).</summary>
    public const string DemoDatabaseFileName = "sage50.sqlite";

    /// <summary>Returns the ACCDATA folder for a data directory, or null if there is none.</summary>
    public static string? FindAccData(string dataDirectory)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(dataDirectory);
        if (string.Equals(Path.GetFileName(trimmed), AccDataFolderName, StringComparison.OrdinalIgnoreCase))
        {
            return trimmed;
        }

        // Windows folders are case-insensitive but this also runs on Linux, where the folder may be spelt accdata.
        return Directory.EnumerateDirectories(trimmed)
            .FirstOrDefault(d => string.Equals(Path.GetFileName(d), AccDataFolderName, StringComparison.OrdinalIgnoreCase));
    }
}
