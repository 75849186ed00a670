using Ledgerlink.Connectors;

namespace Ledgerlink.Grains.Connectors;

/// <summary>
/// Builds agent commands with ids derived from what they ask for, so enqueueing the same work twice (a retry,
/// a re-link) adds it to the outbox once.
/// </summary>
public static class AgentCommands
{
    public static AgentCommand StartPull(string companyId, string pullOperationId, string dataType, string? traceParent = null) =>
        new($"start-pull-{pullOperationId}", AgentCommandKind.StartPull, companyId, pullOperationId, dataType, Reason: null, traceParent);

    public static AgentCommand CancelPull(string companyId, string pullOperationId, string dataType, string? reason) =>
        new($"cancel-pull-{pullOperationId}", AgentCommandKind.CancelPull, companyId, pullOperationId, dataType, reason);

    /// <summary>A restart asked for by support; each request is its own command.</summary>
    public static AgentCommand Restart(string reason) =>
        new($"restart-{Guid.NewGuid():N}", AgentCommandKind.Restart, CompanyId: null, PullOperationId: null, DataType: null, reason);

    /// <summary>Signals that only hurry the agent along; they leave the outbox once the agent has fetched them.</summary>
    public static bool IsOneShot(AgentCommand command) =>
        command.Kind is AgentCommandKind.CancelPull or AgentCommandKind.Restart;
}
