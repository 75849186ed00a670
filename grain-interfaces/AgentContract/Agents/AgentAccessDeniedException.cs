namespace Ledgerlink.Agents;

/// <summary>An agent call whose credential does not match, or which names a company or dataset it does not serve.</summary>
[GenerateSerializer, Alias("Ledgerlink.Agents.AgentAccessDeniedException")]
public sealed class AgentAccessDeniedException(string message) : Exception(message);
