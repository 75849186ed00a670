using Orleans.Concurrency;

namespace Ledgerlink.Connectors;

/// <summary>
/// What the cluster calls on a connected agent (silo → agent, one-way). A ring carries no work: the agent answers by
/// fetching its commands. An agent whose hello declares <see cref="AgentCapabilities.PushedCommands"/> is sent the
/// StartPulls it may take now instead, so delivery is one message. Either way the commands stay in the connector's
/// outbox and come with every fetch, so a lost ring or push costs at most one heartbeat interval and loses nothing.
/// </summary>
[Alias("Ledgerlink.Connectors.IAgentObserver")]
public interface IAgentObserver : IGrainObserver
{
    [OneWay, Alias("CommandsAvailable")]
    Task CommandsAvailable();

    /// <summary>
    /// Commands the agent may take now, taken exactly as fetched ones (the same command id is run once). Only
    /// StartPulls ride here: one-shot commands (CancelPull, Restart) leave the outbox when fetched, so they are rung for.
    /// </summary>
    [OneWay, Alias("CommandsPushed")]
    Task CommandsPushed(IReadOnlyList<AgentCommand> commands);
}
