using Ledgerlink.Connectors;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Connectors;

/// <summary>
/// Whether a connector's agent is online, and its doorbell. Presence lives in memory: it is only meaningful while this
/// activation hears from the agent, and a reactivated connector rightly counts as offline until the next heartbeat.
/// </summary>
public sealed class AgentPresence(string connectorId, TimeSpan timeout, ConnectedAgents connectedAgents, TimeProvider time, ILogger logger)
{
    private IAgentObserver? _observer;

    public DateTimeOffset? LastHeartbeat { get; private set; }

    public bool IsOnline => LastHeartbeat is { } last && time.GetUtcNow() - last < timeout;

    public void Heard(IAgentObserver observer)
    {
        _observer = observer;
        LastHeartbeat = time.GetUtcNow();
        connectedAgents.Heard(connectorId, LastHeartbeat.Value);
    }

    /// <summary>The agent is gone (revoked, restarting, or this activation ends); it is back with its next hello.</summary>
    public void Lost()
    {
        _observer = null;
        LastHeartbeat = null;
        connectedAgents.Lost(connectorId);
    }

    public void RingIfOnline()
    {
        if (IsOnline)
        {
            Ring();
        }
    }

    /// <summary>
    /// Hands the agent commands it may take now, in one message; for agents that declared
    /// <see cref="AgentCapabilities.PushedCommands"/>. Like a ring, a lost push costs at most one heartbeat interval:
    /// the commands stay in the outbox and come with the next fetch.
    /// </summary>
    public void Push(IReadOnlyList<AgentCommand> commands)
    {
        try
        {
            // One-way, as CommandsAvailable.
            _observer?.CommandsPushed(commands);
        }
        catch (Exception e)
        {
            ConnectorLog.DoorbellFailed(logger, e, connectorId);
        }
    }

    /// <summary>Tells the agent to fetch its commands now; a lost ring costs at most one heartbeat interval.</summary>
    public void Ring()
    {
        try
        {
            // CommandsAvailable is one-way: the runtime returns at once and never reports the agent's answer.
            _observer?.CommandsAvailable();
        }
        catch (Exception e)
        {
            ConnectorLog.DoorbellFailed(logger, e, connectorId);
        }
    }
}
