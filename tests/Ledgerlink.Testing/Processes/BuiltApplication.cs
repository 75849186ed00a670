namespace Ledgerlink.Testing.Processes;

/// <summary>
/// Where the repository's built programs are: <c>&lt;project&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;assembly&gt;.dll</c>,
/// in the configuration the calling test or benchmark was built in (building it builds them: they are project references).
/// </summary>
public static class BuiltApplication
{
    public static string Silo => Locate("silo", "ledgerlink-silo");

    public static string Agent => Locate("edge-agent", "ledgerlink-agent");

    /// <summary>Debug or Release, read from this binary's own output path.</summary>
    public static string Configuration { get; } = FindConfiguration();

    public static string Locate(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{assemblyName} is not built in {Configuration}: run 'dotnet build -c {Configuration}' first.", path);
    }

    private static string FindConfiguration()
    {
        var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
    }
}
