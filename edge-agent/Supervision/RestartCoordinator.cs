using Ledgerlink.Agents;
using Ledgerlink.EdgeAgent.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Supervision;

/// <summary>
/// Restarts this agent: tells the cluster first (it cancels every sync the connector was given, with the reason),
/// then stops the worker's host — which stops the local pulls, the local UI and the cluster client. Under a supervisor,
/// once the cluster has recorded the restart, <see cref="WorkerHost"/> then builds and starts a new host in this
/// process (no new .NET process to start: the restart's slowest part); otherwise, or when the old host does not stop
/// cleanly in time, the process ends with <see cref="WorkerExit.Restart"/> so the supervisor starts a fresh one.
/// </summary>
public sealed partial class RestartCoordinator(AgentStatus status, IHostApplicationLifetime lifetime, ILogger<RestartCoordinator> logger)
{
    private readonly TaskCompletionSource _inProcessRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _restarting;

    /// <summary>The worker's exit code once its host has stopped.</summary>
    public int ExitCode { get; private set; } = WorkerExit.Stopped;

    /// <summary>True when this restart is to be done by a new host in this process rather than by a new process.</summary>
    public bool InProcess { get; private set; }

    /// <summary>Completes when a restart inside this process was asked for: from then on the host has a limited time to stop.</summary>
    public Task InProcessRequested => _inProcessRequested.Task;

    /// <summary>When the restart inside this process was asked for (<see cref="System.Diagnostics.Stopwatch"/> timestamp), for its log.</summary>
    public long InProcessRequestedAt { get; private set; }

    /// <returns>How many syncs the cluster cancelled; null when the agent was offline and had nothing to cancel.</returns>
    /// <exception cref="AgentAccessDeniedException">The cluster does not allow a restart now (link off, no request from support).</exception>
    public async Task<int?> RestartAsync(string reason, CancellationToken cancellationToken)
    {
        var current = status.Current;
        int? cancelled = null;
        if (current is { Gateway: { } gateway, Credential: { } credential })
        {
            try
            {
                cancelled = await gateway.ReportRestarting(credential, reason).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // The cluster is unreachable: nothing can be cancelled there now, and its heartbeat timeout will see the
                // agent gone. The restart is still what the user asked for.
                LogReportFailed(logger, e.GetType().Name, e.Message);
            }
        }

        if (Interlocked.Exchange(ref _restarting, 1) == 0)
        {
            LogRestarting(logger, reason, cancelled ?? 0);
            status.Restarting();
            ExitCode = WorkerExit.Restart;

            // In the process only with a supervisor to fall back on, and only when the cluster recorded the restart:
            // a connector forgets support's request for a restart when told here, or at the hello of a new process.
            InProcess = cancelled is not null && WorkerExit.Supervised;
            if (InProcess)
            {
                InProcessRequestedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                _inProcessRequested.TrySetResult();
            }

            lifetime.StopApplication();
        }

        return cancelled;
    }

    /// <summary>
    /// A new version is unpacked and pending: stop the worker's host and end with <see cref="WorkerExit.Update"/>, so
    /// the supervisor starts that version (the syncs were waited for, or cancelled with the reason, before this).
    /// </summary>
    public void ExitForUpdate(string version)
    {
        if (Interlocked.Exchange(ref _restarting, 1) == 0)
        {
            LogUpdating(logger, version);
            status.Restarting();
            ExitCode = WorkerExit.Update;
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(63, LogLevel.Warning, "Stopping this worker for the supervisor to start version {Version}")]
    private static partial void LogUpdating(ILogger logger, string version);

    [LoggerMessage(60, LogLevel.Warning, "Restarting the agent ({Reason}); the cluster cancelled {Cancelled} syncs")]
    private static partial void LogRestarting(ILogger logger, string reason, int cancelled);

    [LoggerMessage(61, LogLevel.Warning, "Could not tell the cluster the agent is restarting ({ErrorType}: {Error}); restarting anyway")]
    private static partial void LogReportFailed(ILogger logger, string errorType, string error);
}
