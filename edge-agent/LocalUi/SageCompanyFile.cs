namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// Sage 50's <c>COMPANY</c> settings file: the company data folders Sage knows on this machine, one a line. A line
/// may be a bare path or <c>NAME=path</c>; blank lines and lines starting with <c>;</c> or <c>#</c> are skipped.
/// </summary>
public static class SageCompanyFile
{
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var folders = new List<string>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is ';' or '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var folder = (equals >= 0 ? line[(equals + 1)..] : line).Trim().Trim('"');
            if (folder.Length > 0 && !folders.Contains(folder, StringComparer.Ordinal))
            {
                folders.Add(folder);
            }
        }

        return folders;
    }

    /// <summary>Adds <paramref name="dataDirectory"/> to the file unless it is listed already (the demo setup uses it).</summary>
    public static void Add(string path, string dataDirectory)
    {
        if (Read(path).Contains(dataDirectory, StringComparer.Ordinal))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllLines(path, [dataDirectory]);
    }
}
