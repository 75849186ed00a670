using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Connectors;

/// <summary>
/// One installed agent. Its outbox is durable: a command is written before the agent is told about it, and stays
/// until the work is finished, so an agent that was offline (or restarted) gets it at its next hello.
/// </summary>
public sealed class ConnectorGrain(
    [PersistentState("connector")] IPersistentState<ConnectorState> state,
    IOptions<LedgerlinkGrainOptions> options,
    ConnectedAgents connectedAgents,
    TimeProvider time,
    ILogger<ConnectorGrain> logger) : Grain, IConnectorGrain
{
    private readonly TimeSpan _presenceTimeout = options.Value.PresenceTimeout;
    private static readonly TimeSpan UnsentWorkCheckInterval = TimeSpan.FromMinutes(1);

    private readonly TimeSpan _secretRotationAge = options.Value.SecretRotationAge;

    private AgentPresence? _presence;
    private DateTimeOffset? _lastUnsentWorkCheck;

    private string ConnectorId => this.GetPrimaryKeyString();

    private ConnectorState State => state.State;

    private ConnectorCredentials Credentials => new(State, time);

    private ConnectorOutbox Outbox => new(State);

    private bool TakesPushedCommands => State.AgentCapabilities.HasFlag(AgentCapabilities.PushedCommands);

    private AgentPresence Presence => _presence ??= new(ConnectorId, _presenceTimeout, connectedAgents, time, logger);

    public async Task<string?> Register(AgentHello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        if (Credentials.Register() is not { } secret)
        {
            ConnectorLog.RegistrationRefused(logger, ConnectorId);
            return null;
        }

        Describe(hello);
        await state.WriteStateAsync();
        ConnectorLog.Registered(logger, ConnectorId, hello.MachineName, hello.AgentVersion);
        return secret;
    }

    public async Task<bool> VerifySecret(string secret)
    {
        var valid = Credentials.Verify(secret, out var rotated);
        if (rotated)
        {
            await state.WriteStateAsync();
            ConnectorLog.SecretRotated(logger, ConnectorId);
        }

        return valid;
    }

    public async Task<string?> RotateSecret()
    {
        if (Credentials.Rotate() is not { } secret)
        {
            return null;
        }

        await state.WriteStateAsync();
        return secret;
    }

    public async Task<bool> RequestSecretRotation()
    {
        if (!Credentials.CanRotate)
        {
            return false;
        }

        State.SecretRotationRequested = true;
        await state.WriteStateAsync();
        Presence.RingIfOnline();
        return true;
    }

    public async Task<IReadOnlyList<string>?> Revoke(string reason)
    {
        if (!State.IsRegistered)
        {
            return null;
        }

        var interrupted = Credentials.Revoke(reason);
        await state.WriteStateAsync();
        Presence.Lost();
        ConnectorLog.Revoked(logger, ConnectorId, interrupted.Count, reason);
        return interrupted;
    }

    public async Task Connected(AgentHello hello, IAgentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(hello);
        ArgumentNullException.ThrowIfNull(observer);
        EnsureRegistered();
        var newProcess = State.ProcessId != hello.ProcessId;
        Describe(hello);
        State.LastSeen = time.GetUtcNow();
        if (newProcess)
        {
            Outbox.ForgetRestartRequest();
        }

        await state.WriteStateAsync();
        Presence.Heard(observer);
        ConnectorLog.Connected(logger, ConnectorId, hello.MachineName, hello.AgentVersion, hello.ProcessId, State.Outbox.Count);

        // The hello's answer carries the pending commands too; the ring covers an agent that fetches on the doorbell only.
        if (State.Outbox.Count > 0)
        {
            Presence.Ring();
        }
    }

    public async Task Heartbeat(IAgentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        EnsureRegistered();
        Presence.Heard(observer);
        await AskCompaniesForUnsentWork();
    }

    public async Task<IReadOnlyList<AgentCommand>> GetPendingCommands()
    {
        var pending = Outbox.TakePending(out var changed);
        if (changed)
        {
            await state.WriteStateAsync();
        }

        return pending;
    }

    public async Task Enqueue(AgentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        EnsureRegistered();
        if (Outbox.Add(command))
        {
            await state.WriteStateAsync();
        }

        var online = Presence.IsOnline;
        ConnectorLog.Enqueued(logger, ConnectorId, command.Kind, command.CommandId, online);
        if (!online)
        {
            return;
        }

        // Written first, then sent: the agent may act on a pushed StartPull at once, and the outbox is what gives it
        // back after the agent restarts mid-pull and what a restart cancels. Pushing spares the agent's fetching
        // heartbeat (several grain calls behind this grain's write), most of a command's way to an online agent.
        if (TakesPushedCommands && Outbox.Pushable(command) is { } pushable)
        {
            Presence.Push([pushable]);
        }
        else
        {
            Presence.Ring();
        }
    }

    public Task Deliver(AgentCommand command) => Enqueue(command);

    public async Task PullOperationFinished(string pullOperationId)
    {
        var removed = Outbox.Finished(pullOperationId);
        if (removed > 0)
        {
            await state.WriteStateAsync();
            ConnectorLog.PullOperationFinished(logger, ConnectorId, removed, pullOperationId);
        }
    }

    public async Task AddCompany(string companyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(companyId);
        EnsureRegistered();
        if (Outbox.AddCompany(companyId))
        {
            await state.WriteStateAsync();
            ConnectorLog.CompanyAdded(logger, ConnectorId, companyId);
        }
    }

    public Task<bool> ServesCompany(string companyId) =>
        Task.FromResult(State.IsRegistered && State.CompanyIds.Contains(companyId));

    public Task<ConnectorInfo?> GetInfo() => Task.FromResult(State.IsRegistered
        ? State.ToInfo(ConnectorId, Presence.IsOnline, Presence.LastHeartbeat, Credentials.RotationDue(_secretRotationAge))
        : null);

    public Task<bool> IsOnline() => Task.FromResult(Presence.IsOnline);

    public async Task<bool> SetRestartLink(bool enabled)
    {
        if (!State.IsRegistered)
        {
            return false;
        }

        if (State.RestartLinkEnabled != enabled)
        {
            State.RestartLinkEnabled = enabled;
            await state.WriteStateAsync();
            ConnectorLog.RestartLinkChanged(logger, ConnectorId, enabled);
        }

        // The agent learns it from its next session; the ring makes that now rather than at the next heartbeat.
        Presence.RingIfOnline();
        return true;
    }

    public async Task<bool> RequestRestart(string requestedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        EnsureRegistered();
        if (!Presence.IsOnline)
        {
            ConnectorLog.RestartNotSent(logger, ConnectorId, requestedBy);
            return false;
        }

        Outbox.RequestRestart(requestedBy, time.GetUtcNow());
        await state.WriteStateAsync();
        ConnectorLog.RestartRequested(logger, ConnectorId, requestedBy);
        Presence.Ring();
        return true;
    }

    public async Task<IReadOnlyList<string>?> BeginRestart(string reason)
    {
        EnsureRegistered();
        if (!State.RestartLinkEnabled && State.RestartRequested is null)
        {
            ConnectorLog.RestartRefused(logger, ConnectorId);
            return null;
        }

        var interrupted = Outbox.RunningPulls();
        Outbox.ForgetRestartRequest();
        await state.WriteStateAsync();

        // The agent is going away; it is back (and online) with its next hello.
        Presence.Lost();
        ConnectorLog.Restarting(logger, ConnectorId, interrupted.Length, reason);
        return interrupted;
    }

    public async Task<bool> SetPaused(string companyId, bool paused)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(companyId);
        if (!State.IsRegistered || !State.CompanyIds.Contains(companyId))
        {
            return false;
        }

        var changed = Outbox.SetPaused(companyId, paused);
        if (changed)
        {
            await state.WriteStateAsync();
            ConnectorLog.PauseChanged(logger, ConnectorId, companyId, paused);
        }

        // Resuming releases held-back StartPulls; pausing changes what the agent's UI shows. Either way, fetch now.
        Presence.RingIfOnline();
        return true;
    }

    private void Describe(AgentHello hello)
    {
        State.MachineName = hello.MachineName;
        State.AgentVersion = hello.AgentVersion;
        State.ProcessId = hello.ProcessId;
        State.AgentCapabilities = hello.Capabilities;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Presence.Lost();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A refresh is written by its company before its StartPull is sent here; a silo lost in between leaves it queued
    /// with nothing to send it. So a connector hearing its agent (first in each activation, then every
    /// <see cref="UnsentWorkCheckInterval"/>) asks its companies to send their queued StartPulls again; repeats are ignored.
    /// </summary>
    private async Task AskCompaniesForUnsentWork()
    {
        var now = time.GetUtcNow();
        if (_lastUnsentWorkCheck is { } last && now - last < UnsentWorkCheckInterval)
        {
            return;
        }

        _lastUnsentWorkCheck = now;
        foreach (var companyId in State.CompanyIds)
        {
            await GrainFactory.GetGrain<ICompanyGrain>(companyId).ResendQueuedTo(ConnectorId);
        }
    }

    private void EnsureRegistered()
    {
        if (!State.IsRegistered)
        {
            throw new InvalidOperationException($"Connector {ConnectorId} is not registered.");
        }
    }
}
