namespace Ledgerlink.Agents;

/// <summary>The answer to a reset or restore asked for from the agent's "Manage your data": done, or why not.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Agents.AgentDataChange")]
public sealed record AgentDataChange(
    [property: Id(0)] bool Changed,
    [property: Id(1)] string? Reason);
