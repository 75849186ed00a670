using Ledgerlink.Connectors;

namespace Ledgerlink.Grains.Connectors;

/// <summary>
/// The rules of a connector's durable outbox and the companies it serves, over its state: idempotent commands (by
/// command id), StartPulls held back for paused companies, one-shot commands, restart requests. The grain writes the
/// state and rings the agent's doorbell.
/// </summary>
public sealed class ConnectorOutbox(ConnectorState connector)
{
    /// <summary>Adds <paramref name="command"/> unless the outbox already has it; true when it was added.</summary>
    public bool Add(AgentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (connector.Outbox.Exists(c => c.CommandId == command.CommandId))
        {
            return false;
        }

        if (command.Kind == AgentCommandKind.CancelPull)
        {
            // A cancelled pull must not be started by an agent that has not fetched its StartPull yet.
            connector.Outbox.RemoveAll(c => c.Kind == AgentCommandKind.StartPull && c.PullOperationId == command.PullOperationId);
        }

        connector.Outbox.Add(command);
        return true;
    }

    /// <summary>What the agent gets now (a paused company's StartPulls stay until it is resumed); one-shot commands leave.</summary>
    public AgentCommand[] TakePending(out bool changed)
    {
        var pending = connector.Outbox.Where(c => !IsHeldBack(c)).ToArray();
        changed = connector.Outbox.RemoveAll(AgentCommands.IsOneShot) > 0;
        return pending;
    }

    /// <summary>
    /// The outbox's copy of <paramref name="command"/> if the agent may be sent it with the doorbell: a StartPull not
    /// held back. One-shot commands are not: they leave the outbox when fetched, so the fetch is their one delivery.
    /// </summary>
    public AgentCommand? Pushable(AgentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return connector.Outbox.Find(c => c.CommandId == command.CommandId) is { Kind: AgentCommandKind.StartPull } held && !IsHeldBack(held)
            ? held
            : null;
    }

    public bool HoldsStartPull(string pullOperationId) =>
        connector.Outbox.Exists(c => c.Kind == AgentCommandKind.StartPull && c.PullOperationId == pullOperationId);

    /// <summary>Removes every command for a finished pull operation; how many were removed.</summary>
    public int Finished(string pullOperationId) => connector.Outbox.RemoveAll(c => c.PullOperationId == pullOperationId);

    /// <summary>The pull operations the agent may be running: those with a StartPull still in the outbox.</summary>
    public string[] RunningPulls() => connector.Outbox
        .Where(c => c.Kind == AgentCommandKind.StartPull && c.PullOperationId is not null)
        .Select(c => c.PullOperationId!)
        .Distinct()
        .ToArray();

    public bool AddCompany(string companyId) => AddOnce(connector.CompanyIds, companyId);

    /// <summary>Pauses or resumes a company it serves; true when that changed anything.</summary>
    public bool SetPaused(string companyId, bool paused) =>
        paused ? AddOnce(connector.PausedCompanyIds, companyId) : connector.PausedCompanyIds.Remove(companyId);

    /// <summary>Replaces any restart request with a new one.</summary>
    public void RequestRestart(string requestedBy, DateTimeOffset now)
    {
        connector.RestartRequested = now;
        connector.Outbox.RemoveAll(c => c.Kind == AgentCommandKind.Restart);
        connector.Outbox.Add(AgentCommands.Restart($"Support ({requestedBy}) asked the connector to restart."));
    }

    public void ForgetRestartRequest()
    {
        connector.RestartRequested = null;
        connector.Outbox.RemoveAll(c => c.Kind == AgentCommandKind.Restart);
    }

    private bool IsHeldBack(AgentCommand command) =>
        command.Kind == AgentCommandKind.StartPull && command.CompanyId is { } companyId && connector.PausedCompanyIds.Contains(companyId);

    private static bool AddOnce(List<string> list, string item)
    {
        if (list.Contains(item))
        {
            return false;
        }

        list.Add(item);
        return true;
    }
}
