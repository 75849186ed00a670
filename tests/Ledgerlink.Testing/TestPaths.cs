namespace Ledgerlink.Testing;

/// <summary>Locates the repository from a test or benchmark binary, so tools under deploy/ can be started.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Orleans.sln not found above {AppContext.BaseDirectory}");
    }
}
