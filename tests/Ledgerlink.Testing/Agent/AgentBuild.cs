using System.Collections.Concurrent;
using System.Diagnostics;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Testing.Agent;

/// <summary>
/// The edge agent as a release build makes it: <c>dotnet publish edge-agent -p:Version=X</c> (framework-dependent, in the
/// configuration the caller was built in), so a release is the same code with another version number, not a patched copy.
/// Everything the build writes stays under <c>.data/agent-builds/&lt;configuration&gt;-X/</c> (<c>--artifacts-path</c>), so it
/// never touches the main build's bin and obj folders, and a later test run rebuilds incrementally (seconds, not minutes).
/// Each version is built once per process: callers share the task.
/// </summary>
public static class AgentBuild
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private static readonly ConcurrentDictionary<string, Lazy<Task<AgentBuildResult>>> Builds = new(StringComparer.Ordinal);

    /// <summary>The published agent's folder (holding <c>ledgerlink-agent.dll</c>) built as <paramref name="version"/>.</summary>
    public static Task<AgentBuildResult> PublishAsync(string version) =>
        Builds.GetOrAdd(version, v => new Lazy<Task<AgentBuildResult>>(() => PublishCoreAsync(v))).Value;

    private static async Task<AgentBuildResult> PublishCoreAsync(string version)
    {
        var root = Path.Combine(TestPaths.RepositoryRoot, ".data", "agent-builds", $"{BuiltApplication.Configuration}-{version}");
        var output = Path.Combine(root, "agent");
        if (Directory.Exists(output))
        {
            // Publish adds to a folder; files of an older build must not ride along in a package.
            Directory.Delete(output, recursive: true);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        foreach (var argument in new[]
                 {
                     "publish", Path.Combine(TestPaths.RepositoryRoot, "edge-agent", "Ledgerlink.EdgeAgent.csproj"),
                     "-c", BuiltApplication.Configuration, $"-p:Version={version}",
                     "--artifacts-path", Path.Combine(root, "artifacts"), "-o", output,
                     // No MSBuild nodes left running after a test run.
                     "-nodeReuse:false", "-v", "q", "--nologo",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // A test host sets MSBuild's own variables for its process; a nested build must find the SDK by itself.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish of the agent {version} took over {Limit}.");
        }

        var agent = Path.Combine(output, "ledgerlink-agent.dll");
        if (process.ExitCode != 0 || !File.Exists(agent))
        {
            throw new InvalidOperationException(
                $"dotnet publish of the agent {version} failed (exit {process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return new AgentBuildResult(output, version, clock.Elapsed);
    }
}
