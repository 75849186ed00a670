namespace Ledgerlink.Agents;

/// <summary>
/// The only failure (besides <see cref="AgentAccessDeniedException"/> and plain argument errors) an agent call ends
/// with: the gateway turns whatever went wrong inside the cluster into this, because the agent cannot load the
/// cluster's own exception types (Azure SDK, Orleans storage) and must not guess from them. <see cref="Retryable"/>
/// true means nothing of the call's effect is lost: the agent keeps the work and asks again later.
/// </summary>
[GenerateSerializer, Alias("Ledgerlink.Agents.AgentCallFailedException")]
public sealed class AgentCallFailedException(AgentErrorKind kind, bool retryable, string message) : Exception(message)
{
    [Id(0)]
    public AgentErrorKind Kind { get; private set; } = kind;

    [Id(1)]
    public bool Retryable { get; private set; } = retryable;
}
