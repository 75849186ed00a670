using Orleans.Concurrency;

namespace Ledgerlink.Connectors;

/// <summary>
/// The doorbell the cluster rings on a connected agent. It carries no work itself: the agent answers by fetching
/// its commands, so a missed ring costs at most one heartbeat interval and loses nothing.
/// </summary>
[Alias("Ledgerlink.Connectors.IAgentObserver")]
public interface IAgentObserver : IGrainObserver
{
    [OneWay, Alias("CommandsAvailable")]
    Task CommandsAvailable();
}
