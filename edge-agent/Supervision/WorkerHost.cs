using System.Diagnostics;
using Ledgerlink.EdgeAgent.Cluster;
using Ledgerlink.EdgeAgent.Hosting;
using Ledgerlink.EdgeAgent.LocalUi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Supervision;

/// <summary>
/// <c>ledgerlink-agent worker</c>: runs the agent's host (the cluster client and its syncs, the local UI). A restart
/// under a supervisor is done here, in the process: the old host stops completely (its syncs cancelled, the local UI
/// closed, its cluster client closed and disposed), then a new host is built from the configuration and the data
/// folder as a new process would, and says hello. That saves starting a new .NET process, which was most of a
/// restart's time (issue #17). The process ends for the supervisor to start a new one, as before, when the restart
/// cannot be done cleanly here: the old host does not stop within <see cref="StopPatience"/> (a sync stuck in the Sage
/// driver), a cluster client is still closing after it stopped, or the restart was not recorded by the cluster
/// (<see cref="RestartCoordinator.InProcess"/>).
/// </summary>
public static partial class WorkerHost
{
    /// <summary>How long an old host may take to stop before a new process is the better restart. It stops in ~0.2 s.</summary>
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] configurationArgs)
    {
        TimeSpan? previousStop = null;
        for (var generation = 1; ; generation++)
        {
            var builder = AgentHost.CreateBuilder(configurationArgs, consoleLogs: true);
            builder.Services.AddSingleton(new WorkerGeneration(generation));
            builder.AddAgentService();
            builder.AddLocalUi();
            var host = builder.Build();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkerHost));
            if (previousStop is { } stopped)
            {
                LogNewHost(logger, generation, stopped.TotalMilliseconds);
            }

            var restarts = host.Services.GetRequiredService<RestartCoordinator>();

            // RunAsync stops and disposes the host; a restart in the process waits for that only so long.
            var running = host.RunAsync();
            var overran = restarts.InProcessRequested.ContinueWith(_ => Task.Delay(StopPatience), TaskScheduler.Default).Unwrap();
            await Task.WhenAny(running, overran);
            if (!running.IsCompleted)
            {
                LogStopOverran(logger, StopPatience);
                return WorkerExit.Restart;
            }

            await running;
            if (!restarts.InProcess)
            {
                return restarts.ExitCode;
            }

            if (ClusterConnection.Open > 0)
            {
                // The host's logger went with it: say it on the console, which the supervisor's log shows.
                await Console.Error.WriteLineAsync($"A cluster client of the stopped host is still closing ({ClusterConnection.Open}); ending the worker for the supervisor to start a new one.");
                return WorkerExit.Restart;
            }

            previousStop = Stopwatch.GetElapsedTime(restarts.InProcessRequestedAt);
        }
    }

    [LoggerMessage(65, LogLevel.Information, "Restarting in this process: host {Generation} starting; the previous one (its syncs, local UI and cluster client) took {StopMilliseconds:0} ms to stop")]
    private static partial void LogNewHost(ILogger logger, int generation, double stopMilliseconds);

    [LoggerMessage(66, LogLevel.Warning, "The agent's host did not stop within {Patience} for a restart in this process; ending the worker for the supervisor to start a new one")]
    private static partial void LogStopOverran(ILogger logger, TimeSpan patience);
}
