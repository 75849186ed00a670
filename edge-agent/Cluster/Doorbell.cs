using Ledgerlink.Connectors;

namespace Ledgerlink.EdgeAgent.Cluster;

/// <summary>The observer the cluster rings when commands wait: a ring only makes the agent fetch them now.</summary>
public sealed class Doorbell : IAgentObserver
{
    private readonly SemaphoreSlim _rings = new(0);

    public Task CommandsAvailable()
    {
        // Many rings before the next fetch are one fetch.
        if (_rings.CurrentCount == 0)
        {
            _rings.Release();
        }

        return Task.CompletedTask;
    }

    /// <summary>Returns when the doorbell rings or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _rings.WaitAsync(timeout, cancellationToken);
}
