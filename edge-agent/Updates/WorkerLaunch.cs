namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>
/// How the supervisor starts a worker: the installed agent (itself), or the copy in a version folder. Run as an apphost
/// (<c>ledgerlink-agent[.exe]</c>) or as <c>dotnet ledgerlink-agent.dll</c>, the supervisor starts workers the same way.
/// </summary>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> LeadingArguments)
{
    private const string AssemblyFile = "ledgerlink-agent.dll";

    private static string AppHostFile => OperatingSystem.IsWindows() ? "ledgerlink-agent.exe" : "ledgerlink-agent";

    /// <summary>The installed agent: this very executable.</summary>
    public static WorkerLaunch Installed()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The agent's own executable is unknown.");
        return IsDotnet(self) ? new WorkerLaunch(self, ["exec", typeof(WorkerLaunch).Assembly.Location]) : new WorkerLaunch(self, []);
    }

    /// <summary>The worker in a version folder, or null when the folder holds none.</summary>
    public static WorkerLaunch? FindIn(string folder)
    {
        var self = Environment.ProcessPath;
        var assembly = Path.Combine(folder, AssemblyFile);
        if (self is not null && IsDotnet(self) && File.Exists(assembly))
        {
            return new WorkerLaunch(self, ["exec", assembly]);
        }

        var appHost = Path.Combine(folder, AppHostFile);
        return File.Exists(appHost) ? new WorkerLaunch(appHost, []) : null;
    }

    private static bool IsDotnet(string path) => Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
