using Ledgerlink.Agents;
using Ledgerlink.Connectors;
using Ledgerlink.EdgeAgent.Logging;
using Ledgerlink.EdgeAgent.Status;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Sync;

/// <summary>
/// Runs the commands of one session with the cluster. Commands arrive again and again (they stay in the outbox until
/// their work is finished), so a StartPull for a pull operation already queued or running here is ignored; one for a pull operation
/// whose run was interrupted starts it again, and the cluster's resume point makes that a continuation. Waiting pulls
/// are taken longest first (<see cref="PullOrder"/>), not in arrival order.
/// </summary>
public sealed class PullScheduler : IAsyncDisposable
{
    private readonly PullRunner _runner;
    private readonly IAgentGatewayGrain _gateway;
    private readonly Func<AgentCredential> _credential;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _session;
    private readonly PriorityQueue<AgentCommand, (int Rank, long Arrival)> _queue = new();
    private readonly SemaphoreSlim _queued = new(0);
    private long _arrivals;
    private readonly Dictionary<string, CancellationTokenSource?> _active = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cancelled = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Task[] _workers;
    private readonly SyncActivity? _activity;

    public PullScheduler(PullRunner runner, IAgentGatewayGrain gateway, Func<AgentCredential> credential, int concurrency, ILogger logger, CancellationToken cancellationToken, SyncActivity? activity = null)
    {
        _activity = activity;
        _runner = runner;
        _gateway = gateway;
        _credential = credential;
        _logger = logger;
        _session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _workers = [.. Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(WorkAsync, CancellationToken.None))];
    }

    /// <summary>Completes when the cluster asks the agent to restart.</summary>
    public TaskCompletionSource RestartRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The reason support gave with its Restart command.</summary>
    public string? RestartReason { get; private set; }

    public void Accept(IEnumerable<AgentCommand> commands)
    {
        lock (_gate)
        {
            foreach (var command in commands)
            {
                switch (command.Kind)
                {
                    case AgentCommandKind.StartPull when command.PullOperationId is { } pullOperationId
                                                         && !_active.ContainsKey(pullOperationId) && !_cancelled.Contains(pullOperationId):
                        AgentLog.CommandReceived(_logger, command.CommandId, command.Kind.ToString(), LicenceRef.Of(command.CompanyId), pullOperationId, command.DataType);
                        _active[pullOperationId] = null;
                        _queue.Enqueue(command, (PullOrder.Rank(command.DataType), _arrivals++));
                        _queued.Release();
                        break;

                    case AgentCommandKind.CancelPull when command.PullOperationId is { } pullOperationId && _cancelled.Add(pullOperationId):
                        AgentLog.CommandReceived(_logger, command.CommandId, command.Kind.ToString(), LicenceRef.Of(command.CompanyId), pullOperationId, command.DataType);
                        if (_active.GetValueOrDefault(pullOperationId) is { } running)
                        {
                            running.Cancel();
                        }

                        break;

                    case AgentCommandKind.Restart:
                        AgentLog.CommandReceived(_logger, command.CommandId, command.Kind.ToString(), LicenceRef.Of(command.CompanyId), command.PullOperationId, command.DataType);
                        RestartReason ??= command.Reason;
                        RestartRequested.TrySetResult();
                        break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _session.CancelAsync();
        await Task.WhenAll(_workers);
        _session.Dispose();
        _queued.Dispose();
    }

    private async Task WorkAsync()
    {
        try
        {
            while (true)
            {
                await _queued.WaitAsync(_session.Token);
                AgentCommand command;
                lock (_gate)
                {
                    command = _queue.Dequeue();
                }

                await RunAsync(command);
            }
        }
        catch (OperationCanceledException) when (_session.IsCancellationRequested)
        {
            // The session ended: queued commands come back in the next session's hello.
        }
    }

    private async Task RunAsync(AgentCommand command)
    {
        var pullOperationId = command.PullOperationId!;
        CancellationTokenSource run;
        lock (_gate)
        {
            if (_cancelled.Contains(pullOperationId))
            {
                _active.Remove(pullOperationId);
                return;
            }

            run = CancellationTokenSource.CreateLinkedTokenSource(_session.Token);
            _active[pullOperationId] = run;
        }

        var outcome = PullOutcome.Interrupted;
        using var trace = PullTrace.Start(command);
        _activity?.Started(command.CompanyId ?? string.Empty, pullOperationId, command.DataType);
        try
        {
            outcome = await _runner.RunAsync(_gateway, _credential(), command, run.Token);
        }
        catch (Exception e)
        {
            // One pull's bug must not stop the others; the command stays in the outbox and is tried again.
            AgentLog.PullCrashed(_logger, e, pullOperationId);
        }
        finally
        {
            _activity?.Finished(command.CompanyId ?? string.Empty, pullOperationId, command.DataType, outcome);
            lock (_gate)
            {
                _active.Remove(pullOperationId);
                run.Dispose();
            }
        }
    }
}
