using Ledgerlink.Connectors;

namespace Ledgerlink.EdgeAgent.Cluster;

/// <summary>
/// The observer the cluster calls when commands wait: a ring makes the agent fetch them now; pushed commands go to the
/// session's scheduler as fetched ones do, once it is listening (<see cref="TakePushedCommandsWith"/>).
/// </summary>
public sealed class Doorbell : IAgentObserver
{
    private readonly SemaphoreSlim _rings = new(0);
    private Action<IReadOnlyList<AgentCommand>>? _take;

    public Task CommandsAvailable()
    {
        // Many rings before the next fetch are one fetch.
        if (_rings.CurrentCount == 0)
        {
            _rings.Release();
        }

        return Task.CompletedTask;
    }

    public Task CommandsPushed(IReadOnlyList<AgentCommand> commands)
    {
        // Before the session's scheduler listens (a push racing the hello's answer) the push is a ring: the fetch brings them.
        if (Volatile.Read(ref _take) is { } take)
        {
            take(commands);
            return Task.CompletedTask;
        }

        return CommandsAvailable();
    }

    /// <summary>From now on pushed commands go to <paramref name="take"/> (the scheduler's Accept, which ignores repeats).</summary>
    public void TakePushedCommandsWith(Action<IReadOnlyList<AgentCommand>> take) => Volatile.Write(ref _take, take);

    /// <summary>Returns when the doorbell rings (true) or <paramref name="timeout"/> passes (false).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _rings.WaitAsync(timeout, cancellationToken);
}
