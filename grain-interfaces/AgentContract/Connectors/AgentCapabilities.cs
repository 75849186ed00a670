namespace Ledgerlink.Connectors;

/// <summary>
/// What an agent says it understands, in its hello. Agents of every version are in the field during an update, so the
/// cluster uses a newer way of talking to an agent only when its hello declares it; an older agent's hello has none.
/// </summary>
[Flags, GenerateSerializer]
public enum AgentCapabilities
{
    None = 0,

    /// <summary>Takes commands pushed with the doorbell (<see cref="IAgentObserver.CommandsPushed"/>) as it takes fetched ones.</summary>
    PushedCommands = 1,
}
