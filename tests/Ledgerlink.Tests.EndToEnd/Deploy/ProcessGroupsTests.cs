using System.Diagnostics;
using Ledgerlink.Testing;

namespace Ledgerlink.Tests.Deploy;

/// <summary>
/// deploy/process-groups.sh, which run.sh and deploy/cluster/run.sh use: Ctrl-C stops every server they started and
/// every process those servers started in turn (as Azurite's node or `dotnet run`'s child), and nothing outlives them.
/// </summary>
public sealed class ProcessGroupsTests
{
    [Fact]
    public async Task Ctrl_C_stops_every_program_and_server_the_script_started_with_their_children()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ledgerlink-groups-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var script = Path.Combine(folder, "run.sh");

        // A server and a program that each start a child of their own and ignore nothing; the script then waits on
        // the program as run.sh waits on its silo.
        await File.WriteAllTextAsync(script, $$"""
            set -euo pipefail
            source '{{Path.Combine(TestPaths.RepositoryRoot, "deploy", "process-groups.sh")}}'
            start_server bash -c 'sleep 600 & echo "server-child $!"; wait'
            start_group bash -c 'sleep 600 & echo "program-child $!"; wait'
            echo "server ${servers[0]}"
            echo "program ${groups[0]}"
            wait "${groups[0]}"
            """);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using var bash = Process.Start(start)!;
        var pids = new List<int>();
        while (pids.Count < 4 && await bash.StandardOutput.ReadLineAsync() is { } line)
        {
            pids.Add(int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(4, pids.Count);
        Assert.All(pids, pid => Assert.True(IsRunning(pid), $"process {pid} runs before Ctrl-C"));

        using (var interrupt = Process.Start("kill", ["-INT", bash.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(130, bash.ExitCode);
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} outlived Ctrl-C"));
        Directory.Delete(folder, recursive: true);
    }

    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            // A zombie has ended; only its parent has not collected it yet.
            return File.Exists(stat) && File.ReadAllText(stat).Split(' ')[2] != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
