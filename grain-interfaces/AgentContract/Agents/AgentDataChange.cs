namespace Ledgerlink.Agents;

/// <summary>
/// The answer to a reset or restore asked for from the agent's "Manage your data": the owner was emailed a
/// confirmation (<paramref name="OwnerEmailed"/>; nothing changes until they confirm), or why not. <paramref name="Changed"/>
/// is kept for older agents and is always false now: no reset or restore happens from the PC alone.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Agents.AgentDataChange")]
public sealed record AgentDataChange(
    [property: Id(0)] bool Changed,
    [property: Id(1)] string? Reason,
    [property: Id(2)] bool OwnerEmailed = false);
