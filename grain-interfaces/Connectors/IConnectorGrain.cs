using Orleans.Concurrency;

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

    /// <summary>
    /// True for the connector's secret, or for a rotated secret not used before (which from then on is the only one
    /// accepted). Always false once revoked.
    /// </summary>
    [Alias("VerifySecret")]
    Task<bool> VerifySecret(string secret);

    /// <summary>Issues a new secret (shown once); the current one keeps working until the new one is first used.</summary>
    [Alias("RotateSecret")]
    Task<string?> RotateSecret();

    /// <summary>Support asks the agent to rotate its secret at its next heartbeat.</summary>
    [Alias("RequestSecretRotation")]
    Task<bool> RequestSecretRotation();

    /// <summary>
    /// Support revokes the connector: every secret is refused from now on. Returns the pull operations it was given
    /// (the caller cancels them), or null for an unknown connector.
    /// </summary>
    [Alias("Revoke")]
    Task<IReadOnlyList<string>?> Revoke(string reason);

    [Alias("Connected")]
    Task Connected(AgentHello hello, IAgentObserver observer);

    [Alias("Heartbeat")]
    Task Heartbeat(IAgentObserver observer);

    /// <summary>
    /// The agent's fetch (through the gateway's hello and heartbeat): the outbox, oldest first. StartPull commands stay
    /// until <see cref="PullOperationFinished"/>; one-shot signals (CancelPull, Restart) leave once fetched. Support reads
    /// the outbox without side effects through <see cref="GetInfo"/>.
    /// </summary>
    [Alias("GetPendingCommands")]
    Task<IReadOnlyList<AgentCommand>> GetPendingCommands();

    /// <summary>Adds a command (once per command id), then rings the agent's doorbell if it is online. A CancelPull replaces the pull operation's StartPull.</summary>
    [Alias("Enqueue")]
    Task Enqueue(AgentCommand command);

    /// <summary>
    /// As <see cref="Enqueue"/>, one-way: how a company hands over a refresh's StartPull, so the refresh is answered after
    /// the company's own write only. A delivery lost on the way is made good by the company, which sends its queued
    /// StartPulls again when this connector hears its agent (<c>ICompanyGrain.ResendQueuedTo</c>).
    /// </summary>
    [OneWay, Alias("Deliver")]
    Task Deliver(AgentCommand command);

    /// <summary>The work for this pull operation is finished (completed, failed or cancelled): its commands leave the outbox.</summary>
    [Alias("PullOperationFinished")]
    Task PullOperationFinished(string pullOperationId);

    /// <summary>
    /// True while the outbox holds a StartPull for <paramref name="pullOperationId"/>, durably: a StartPull is pushed to
    /// its agent before the outbox's write, and this answers only after that write (one call at a time), from state a
    /// failed write has been read again into. The gateway starts a Queued pull only when this holds.
    /// </summary>
    [Alias("HoldsStartPull")]
    Task<bool> HoldsStartPull(string pullOperationId);

    [Alias("AddCompany")]
    Task AddCompany(string companyId);

    [Alias("ServesCompany")]
    Task<bool> ServesCompany(string companyId);

    [Alias("GetInfo")]
    Task<ConnectorInfo?> GetInfo();

    [Alias("IsOnline")]
    Task<bool> IsOnline();

    /// <summary>Support turns the agent's "Restart connector" link on or off; false when the connector is not registered.</summary>
    [Alias("SetRestartLink")]
    Task<bool> SetRestartLink(bool enabled);

    /// <summary>
    /// Support asks the agent to restart: a Restart command is queued and the agent may then report restarting even
    /// while its link is off. False (nothing queued) when the agent is offline: a later hello comes from an agent
    /// that has just started, for which a restart is moot.
    /// </summary>
    [Alias("RequestRestart")]
    Task<bool> RequestRestart(string requestedBy);

    /// <summary>
    /// The agent says it is restarting (through the gateway): allowed while the restart link is on or support has asked.
    /// Returns the pull operations of every StartPull the connector holds, which the caller cancels except paused companies'
    /// Queued ones (never sent to the agent); null when the restart is not permitted. The connector counts as offline
    /// until the agent's next hello or heartbeat.
    /// </summary>
    [Alias("BeginRestart")]
    Task<IReadOnlyList<string>?> BeginRestart(string reason);

    /// <summary>
    /// Pauses or resumes a served company: while paused its StartPull commands stay in the outbox, undelivered, so its
    /// refreshes stay Queued. False when this connector does not serve the company.
    /// </summary>
    [Alias("SetPaused")]
    Task<bool> SetPaused(string companyId, bool paused);
}
