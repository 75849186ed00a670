using System.Diagnostics;
using Ledgerlink.EdgeAgent.Cluster;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Updates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Supervision;

/// <summary>
/// <c>ledgerlink-agent run</c>: starts <c>ledgerlink-agent worker</c> as a child and starts it again when it ends asking
/// for a restart (at once) or crashes (with backoff). A worker that stopped on purpose, or one refused for its
/// configuration, ends the supervisor too. Stopping the supervisor (service stop, Ctrl+C) stops the worker gracefully.
/// The worker it starts is the current version (<c>versions/state.json</c>; none named: this installed executable).
/// A worker that ends with <see cref="WorkerExit.Update"/> left a pending version: its worker is started, and becomes
/// current when it says it is online within <see cref="AgentReleaseOptions.OnlineTimeout"/>; if it does not, or exits
/// <see cref="AgentReleaseOptions.CrashLimit"/> times first, the current version runs again and the failure is recorded
/// for the next worker to report. The supervisor itself is only ever replaced by re-running the installer.
/// </summary>
public sealed partial class Supervisor(string[] workerArguments, AgentOptions options, IHostApplicationLifetime lifetime, ILogger<Supervisor> logger) : BackgroundService
{
    /// <summary>A worker that ran this long before crashing counts as healthy: the next crash starts the backoff again.</summary>
    private static readonly TimeSpan Healthy = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan MarkerPoll = TimeSpan.FromMilliseconds(250);

    private readonly VersionFolders _folders = new(options.ResolvedDataFolder);

    /// <summary>The supervisor's own exit code.</summary>
    public int ExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PrepareVersions();
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(30));
        var launches = 0;
        var trialExits = 0;
        DateTimeOffset? trialDeadline = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var state = _folders.Load();
            var trial = state.Pending;
            WorkerLaunch launch;
            if (trial is not null)
            {
                if (WorkerLaunch.FindIn(_folders.FolderOf(trial)) is not { } pending)
                {
                    RollBack(trial, $"version {trial}'s folder holds no ledgerlink-agent to start.");
                    continue;
                }

                launch = pending;
                trialDeadline ??= DateTimeOffset.UtcNow + options.Releases.OnlineTimeout;
                VersionFolders.TryDelete(_folders.OnlineMarkerPath);
            }
            else
            {
                launch = CurrentLaunch(state);
            }

            using var worker = Start(launch, trial is not null);
            launches++;
            LogStarted(logger, worker.Id, launches, trial ?? state.Current ?? "installed");
            var started = Stopwatch.StartNew();
            try
            {
                if (trial is not null)
                {
                    if (await WaitOnlineAsync(worker, trialDeadline!.Value, stoppingToken))
                    {
                        var installed = _folders.Change(s => s.PendingInstalled(DateTimeOffset.UtcNow));
                        _folders.DeleteUnkept(installed);
                        VersionFolders.TryDelete(_folders.OnlineMarkerPath);
                        LogInstalled(logger, trial, worker.Id);
                        (trialExits, trialDeadline) = (0, null);
                    }
                    else if (!worker.HasExited)
                    {
                        await StopAsync(worker);
                        RollBack(trial, $"version {trial} did not come online within {options.Releases.OnlineTimeout}.");
                        (trialExits, trialDeadline) = (0, null);
                        continue;
                    }
                    else
                    {
                        trialExits++;
                        if (trialExits >= options.Releases.CrashLimit || DateTimeOffset.UtcNow >= trialDeadline)
                        {
                            RollBack(trial, $"version {trial}'s worker exited {trialExits} times before coming online (last exit code {worker.ExitCode}).");
                            (trialExits, trialDeadline) = (0, null);
                            continue;
                        }

                        LogTrialExited(logger, trial, worker.ExitCode, trialExits);
                        await Task.Delay(TimeSpan.FromSeconds(trialExits), stoppingToken);
                        continue;
                    }
                }

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
                case WorkerExit.Update:
                    LogUpdate(logger, worker.Id, _folders.Load().Pending ?? "(none)");
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

    /// <summary>
    /// At start: an installer that put a version at least as new as the current folder's in place wins over it, and a
    /// current version whose folder is gone (deleted, quarantined by an antivirus) gives way to the installed one.
    /// </summary>
    private void PrepareVersions()
    {
        var state = _folders.Load();
        var prepared = state.ForInstalled(AgentVersion.Current);
        if (prepared.Current is { } current && WorkerLaunch.FindIn(_folders.FolderOf(current)) is null)
        {
            prepared = prepared with { Current = null, CurrentSince = null };
        }

        if (prepared != state)
        {
            _folders.Save(prepared);
            LogRunsInstalled(logger, state.Current ?? "installed", AgentVersion.Current);
        }
    }

    private WorkerLaunch CurrentLaunch(VersionState state) =>
        state.Current is { } current && WorkerLaunch.FindIn(_folders.FolderOf(current)) is { } launch ? launch : WorkerLaunch.Installed();

    private void RollBack(string version, string reason)
    {
        _folders.Change(s => s.PendingRolledBack(reason, DateTimeOffset.UtcNow));
        VersionFolders.TryDelete(_folders.FolderOf(version));
        VersionFolders.TryDelete(_folders.OnlineMarkerPath);
        LogRolledBack(logger, version, reason);
    }

    /// <summary>True once the worker wrote the online marker; false when it exited first or the deadline passed.</summary>
    private async Task<bool> WaitOnlineAsync(Process worker, DateTimeOffset deadline, CancellationToken stoppingToken)
    {
        while (true)
        {
            if (File.Exists(_folders.OnlineMarkerPath))
            {
                return true;
            }

            if (worker.HasExited || DateTimeOffset.UtcNow >= deadline)
            {
                return File.Exists(_folders.OnlineMarkerPath);
            }

            await Task.WhenAny(worker.WaitForExitAsync(stoppingToken), Task.Delay(MarkerPoll, stoppingToken));
            stoppingToken.ThrowIfCancellationRequested();
        }
    }

    private Process Start(WorkerLaunch launch, bool trial)
    {
        var start = new ProcessStartInfo(launch.FileName) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in launch.LeadingArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("worker");
        foreach (var argument in workerArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[WorkerExit.SupervisedVariable] = "1";
        if (trial)
        {
            start.Environment[WorkerExit.OnlineMarkerVariable] = _folders.OnlineMarkerPath;
        }
        else
        {
            start.Environment.Remove(WorkerExit.OnlineMarkerVariable);
        }

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

    [LoggerMessage(50, LogLevel.Information, "Supervisor: worker {ProcessId} started (launch {Launch}, version {Version})")]
    private static partial void LogStarted(ILogger logger, int processId, int launch, string version);

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

    [LoggerMessage(56, LogLevel.Information, "Supervisor: worker {ProcessId} left for the update to version {Version}; starting it")]
    private static partial void LogUpdate(ILogger logger, int processId, string version);

    [LoggerMessage(57, LogLevel.Information, "Supervisor: version {Version} is online (worker {ProcessId}); it is the current version now")]
    private static partial void LogInstalled(ILogger logger, string version, int processId);

    [LoggerMessage(58, LogLevel.Warning, "Supervisor: rolled back from version {Version}: {Reason}")]
    private static partial void LogRolledBack(ILogger logger, string version, string reason);

    [LoggerMessage(59, LogLevel.Warning, "Supervisor: version {Version}'s worker exited with code {ExitCode} before coming online ({Exits} so far); starting it again")]
    private static partial void LogTrialExited(ILogger logger, string version, int exitCode, int exits);

    [LoggerMessage(64, LogLevel.Information, "Supervisor: running the installed version {Installed} instead of {Current} (reinstalled, or its folder is gone)")]
    private static partial void LogRunsInstalled(ILogger logger, string current, string installed);
}
