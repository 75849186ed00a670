using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Connectors;

/// <summary>
/// One installed agent. Its outbox is durable: a command stays until the work is finished, so an agent that was offline
/// (or restarted) gets it at its next hello. A pushed StartPull may reach the agent before its write; the agent can
/// start it only once the outbox holds it durably (<see cref="HoldsStartPull"/>).
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
        var added = Outbox.Add(command);
        var online = Presence.IsOnline;
        ConnectorLog.Enqueued(logger, ConnectorId, command.Kind, command.CommandId, online);

        // Sent first, then written: the write (a storage round trip) would otherwise be most of a command's way to an
        // online agent. Safe because this grain takes one call at a time: the agent's StartPull reaches it (to verify
        // the secret, then HoldsStartPull) only after this write, and if the write fails the activation is deactivated
        // (StorageFailureDeactivation) and the next call reads storage, which has no StartPull, so the gateway refuses the
        // pull until its company sends it again. One-shot commands and held-back StartPulls are rung for, after the write.
        var push = online && TakesPushedCommands ? Outbox.Pushable(command) : null;
        if (push is not null)
        {
            Presence.Push([push]);
        }

        if (added)
        {
            await state.WriteStateAsync();
        }

        if (online && push is null)
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

    public Task<bool> HoldsStartPull(string pullOperationId) => Task.FromResult(Outbox.HoldsStartPull(pullOperationId));

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
