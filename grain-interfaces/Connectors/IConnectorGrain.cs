namespace Ledgerlink.Connectors;

/// <summary>
/// One installed agent (key: connector id): machine, version, presence, the companies it serves, paused companies,
/// the restart-link permission, and the durable outbox of commands for it. Called by the cluster, never by agents
/// (agents call <see cref="Agents.IAgentGatewayGrain"/>).
/// </summary>
[Alias("Ledgerlink.Connectors.IConnectorGrain")]
public interface IConnectorGrain : IGrainWithStringKey
{
    /// <summary>Registers a new connector and returns its secret (shown once); null when the id is already registered.</summary>
    [Alias("Register")]
    Task<string?> Register(AgentHello hello);

    [Alias("VerifySecret")]
    Task<bool> VerifySecret(string secret);

    [Alias("Connected")]
    Task Connected(AgentHello hello, IAgentObserver observer);

    [Alias("Heartbeat")]
    Task Heartbeat(IAgentObserver observer);

    /// <summary>
    /// The agent's fetch (through the gateway's hello and heartbeat): the outbox, oldest first. StartPull commands stay
    /// until <see cref="DatasetFinished"/>; one-shot signals (CancelPull, Restart) leave once fetched. Support reads
    /// the outbox without side effects through <see cref="GetInfo"/>.
    /// </summary>
    [Alias("GetPendingCommands")]
    Task<IReadOnlyList<AgentCommand>> GetPendingCommands();

    /// <summary>Adds a command (once per command id), then rings the agent's doorbell if it is online. A CancelPull replaces the dataset's StartPull.</summary>
    [Alias("Enqueue")]
    Task Enqueue(AgentCommand command);

    /// <summary>The work for this dataset is finished (completed, failed or cancelled): its commands leave the outbox.</summary>
    [Alias("DatasetFinished")]
    Task DatasetFinished(string datasetId);

    [Alias("AddCompany")]
    Task AddCompany(string companyId);

    [Alias("ServesCompany")]
    Task<bool> ServesCompany(string companyId);

    [Alias("GetInfo")]
    Task<ConnectorInfo?> GetInfo();

    [Alias("IsOnline")]
    Task<bool> IsOnline();
}
