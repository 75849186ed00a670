using System.Diagnostics;
using Ledgerlink.EdgeAgent.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Supervision;

/// <summary>
/// <c>ledgerlink-agent run</c>: starts <c>ledgerlink-agent worker</c> as a child and starts it again when it ends asking
/// for a restart (at once) or crashes (with backoff). A worker that stopped on purpose, or one refused for its
/// configuration, ends the supervisor too. Stopping the supervisor (service stop, Ctrl+C) stops the worker gracefully.
/// </summary>
public sealed partial class Supervisor(string[] workerArguments, IHostApplicationLifetime lifetime, ILogger<Supervisor> logger) : BackgroundService
{
    /// <summary>A worker that ran this long before crashing counts as healthy: the next crash starts the backoff again.</summary>
    private static readonly TimeSpan Healthy = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(15);

    /// <summary>The supervisor's own exit code.</summary>
    public int ExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(30));
        var launches = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            using var worker = Start();
            launches++;
            LogStarted(logger, worker.Id, launches);
            var started = Stopwatch.StartNew();
            try
            {
                await worker.WaitForExitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                await StopAsync(worker);
                return;
            }

            var code = worker.ExitCode;
            switch (code)
            {
                case WorkerExit.Restart:
                    LogRestart(logger, worker.Id);
                    backoff.Reset();
                    continue;
                case WorkerExit.Stopped:
                    LogStopped(logger, worker.Id);
                    lifetime.StopApplication();
                    return;
                case 2:
                    // The worker refused its configuration: starting it again would fail the same way.
                    ExitCode = code;
                    LogConfiguration(logger, worker.Id);
                    lifetime.StopApplication();
                    return;
            }

            if (started.Elapsed > Healthy)
            {
                backoff.Reset();
            }

            var delay = backoff.Next();
            LogCrashed(logger, worker.Id, code, delay);
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Process Start()
    {
        // Run as an apphost (ledgerlink-agent[.exe]) or as `dotnet ledgerlink-agent.dll`: start the worker the same way.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The agent's own executable is unknown.");
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardInput = true };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(Supervisor).Assembly.Location);
        }

        start.ArgumentList.Add("worker");
        foreach (var argument in workerArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[WorkerExit.SupervisedVariable] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
    }

    private async Task StopAsync(Process worker)
    {
        if (worker.HasExited)
        {
            return;
        }

        LogStopping(logger, worker.Id);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // No console signal reaches a service's child; closing its input is its cue (SupervisorWatch).
                worker.StandardInput.Close();
            }
            else
            {
                using var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
                if (term is not null)
                {
                    await term.WaitForExitAsync();
                }
            }

            using var patience = new CancellationTokenSource(StopPatience);
            await worker.WaitForExitAsync(patience.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            worker.Kill(entireProcessTree: true);
        }
    }

    [LoggerMessage(50, LogLevel.Information, "Supervisor: worker {ProcessId} started (launch {Launch})")]
    private static partial void LogStarted(ILogger logger, int processId, int launch);

    [LoggerMessage(51, LogLevel.Information, "Supervisor: worker {ProcessId} asked for a restart; starting a new one")]
    private static partial void LogRestart(ILogger logger, int processId);

    [LoggerMessage(52, LogLevel.Information, "Supervisor: worker {ProcessId} stopped; stopping")]
    private static partial void LogStopped(ILogger logger, int processId);

    [LoggerMessage(53, LogLevel.Error, "Supervisor: worker {ProcessId} refused its configuration; not restarting it")]
    private static partial void LogConfiguration(ILogger logger, int processId);

    [LoggerMessage(54, LogLevel.Warning, "Supervisor: worker {ProcessId} crashed (exit code {ExitCode}); starting it again in {Delay}")]
    private static partial void LogCrashed(ILogger logger, int processId, int exitCode, TimeSpan delay);

    [LoggerMessage(55, LogLevel.Information, "Supervisor: stopping worker {ProcessId}")]
    private static partial void LogStopping(ILogger logger, int processId);
}
