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

    // Presence lives in memory: it is only meaningful while this activation hears from the agent, and a
    // reactivated connector rightly counts as offline until the agent's next heartbeat.
    private IAgentObserver? _observer;
    private DateTimeOffset? _lastHeartbeat;
    private DateTimeOffset? _lastUnsentWorkCheck;

    private string ConnectorId => this.GetPrimaryKeyString();

    private ConnectorState State => state.State;

    public async Task<string?> Register(AgentHello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        if (State.IsRegistered)
        {
            ConnectorLog.RegistrationRefused(logger, ConnectorId);
            return null;
        }

        var secret = ConnectorSecret.Generate();
        State.SecretHash = ConnectorSecret.Hash(secret);
        State.Registered = time.GetUtcNow();
        State.SecretIssued = State.Registered;
        Describe(hello);
        await state.WriteStateAsync();
        ConnectorLog.Registered(logger, ConnectorId, hello.MachineName, hello.AgentVersion);
        return secret;
    }

    public async Task<bool> VerifySecret(string secret)
    {
        if (State.Revoked is not null)
        {
            return false;
        }

        if (ConnectorSecret.Matches(secret, State.SecretHash))
        {
            return true;
        }

        if (!ConnectorSecret.Matches(secret, State.PendingSecretHash))
        {
            return false;
        }

        // The agent has the rotated secret and uses it: from now on it is the only one.
        State.SecretHash = State.PendingSecretHash;
        State.PendingSecretHash = null;
        State.SecretIssued = time.GetUtcNow();
        State.SecretRotationRequested = false;
        await state.WriteStateAsync();
        ConnectorLog.SecretRotated(logger, ConnectorId);
        return true;
    }

    public async Task<string?> RotateSecret()
    {
        if (State.Revoked is not null || State.SecretHash is null)
        {
            return null;
        }

        var secret = ConnectorSecret.Generate();
        State.PendingSecretHash = ConnectorSecret.Hash(secret);
        await state.WriteStateAsync();
        return secret;
    }

    public async Task<bool> RequestSecretRotation()
    {
        if (State.Revoked is not null || State.SecretHash is null)
        {
            return false;
        }

        State.SecretRotationRequested = true;
        await state.WriteStateAsync();
        RingIfOnline();
        return true;
    }

    public async Task<IReadOnlyList<string>?> Revoke(string reason)
    {
        if (!State.IsRegistered)
        {
            return null;
        }

        var interrupted = RunningPulls();
        State.SecretHash = null;
        State.PendingSecretHash = null;
        State.Revoked ??= time.GetUtcNow();
        State.RevokedReason = reason;
        State.Outbox.Clear();
        await state.WriteStateAsync();
        _observer = null;
        _lastHeartbeat = null;
        connectedAgents.Lost(ConnectorId);
        ConnectorLog.Revoked(logger, ConnectorId, interrupted.Length, reason);
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
            ForgetRestartRequest();
        }

        await state.WriteStateAsync();
        Heard(observer);
        ConnectorLog.Connected(logger, ConnectorId, hello.MachineName, hello.AgentVersion, hello.ProcessId, State.Outbox.Count);

        // The hello's answer carries the pending commands too; the ring covers an agent that fetches on the doorbell only.
        if (State.Outbox.Count > 0)
        {
            RingDoorbell();
        }
    }

    public async Task Heartbeat(IAgentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        EnsureRegistered();
        Heard(observer);
        await AskCompaniesForUnsentWork();
    }

    public async Task<IReadOnlyList<AgentCommand>> GetPendingCommands()
    {
        // A paused company's StartPulls stay in the outbox, undelivered, until it is resumed.
        var pending = State.Outbox.Where(c => !IsHeldBack(c)).ToArray();
        if (State.Outbox.RemoveAll(AgentCommands.IsOneShot) > 0)
        {
            await state.WriteStateAsync();
        }

        return pending;
    }

    public async Task Enqueue(AgentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        EnsureRegistered();
        if (!State.Outbox.Exists(c => c.CommandId == command.CommandId))
        {
            if (command.Kind == AgentCommandKind.CancelPull)
            {
                // A cancelled pull must not be started by an agent that has not fetched its StartPull yet.
                State.Outbox.RemoveAll(c => c.Kind == AgentCommandKind.StartPull && c.DatasetId == command.DatasetId);
            }

            State.Outbox.Add(command);
            await state.WriteStateAsync();
        }

        var online = IsOnlineNow();
        ConnectorLog.Enqueued(logger, ConnectorId, command.Kind, command.CommandId, online);
        if (online)
        {
            RingDoorbell();
        }
    }

    public async Task DatasetFinished(string datasetId)
    {
        var removed = State.Outbox.RemoveAll(c => c.DatasetId == datasetId);
        if (removed > 0)
        {
            await state.WriteStateAsync();
            ConnectorLog.DatasetFinished(logger, ConnectorId, removed, datasetId);
        }
    }

    public async Task AddCompany(string companyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(companyId);
        EnsureRegistered();
        if (!State.CompanyIds.Contains(companyId))
        {
            State.CompanyIds.Add(companyId);
            await state.WriteStateAsync();
            ConnectorLog.CompanyAdded(logger, ConnectorId, companyId);
        }
    }

    public Task<bool> ServesCompany(string companyId) =>
        Task.FromResult(State.IsRegistered && State.CompanyIds.Contains(companyId));

    public Task<ConnectorInfo?> GetInfo()
    {
        if (!State.IsRegistered)
        {
            return Task.FromResult<ConnectorInfo?>(null);
        }

        var lastSeen = Latest(State.LastSeen, _lastHeartbeat);
        return Task.FromResult<ConnectorInfo?>(new ConnectorInfo(
            ConnectorId,
            State.MachineName,
            State.AgentVersion,
            State.ProcessId,
            IsOnlineNow(),
            lastSeen,
            State.CompanyIds.ToArray(),
            State.PausedCompanyIds.ToArray(),
            State.RestartLinkEnabled,
            State.Outbox.ToArray(),
            State.Revoked is null && (State.SecretRotationRequested || time.GetUtcNow() - (State.SecretIssued ?? State.Registered) >= _secretRotationAge),
            State.SecretIssued ?? State.Registered,
            State.Revoked,
            State.RevokedReason));
    }

    public Task<bool> IsOnline() => Task.FromResult(IsOnlineNow());

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
        RingIfOnline();
        return true;
    }

    public async Task<bool> RequestRestart(string requestedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        EnsureRegistered();
        if (!IsOnlineNow())
        {
            ConnectorLog.RestartNotSent(logger, ConnectorId, requestedBy);
            return false;
        }

        State.RestartRequested = time.GetUtcNow();
        State.Outbox.RemoveAll(c => c.Kind == AgentCommandKind.Restart);
        State.Outbox.Add(AgentCommands.Restart($"Support ({requestedBy}) asked the connector to restart."));
        await state.WriteStateAsync();
        ConnectorLog.RestartRequested(logger, ConnectorId, requestedBy);
        RingDoorbell();
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

        var interrupted = RunningPulls();
        ForgetRestartRequest();
        await state.WriteStateAsync();

        // The agent is going away; it is back (and online) with its next hello.
        _observer = null;
        _lastHeartbeat = null;
        connectedAgents.Lost(ConnectorId);
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

        var changed = paused ? AddOnce(State.PausedCompanyIds, companyId) : State.PausedCompanyIds.Remove(companyId);
        if (changed)
        {
            await state.WriteStateAsync();
            ConnectorLog.PauseChanged(logger, ConnectorId, companyId, paused);
        }

        // Resuming releases held-back StartPulls; pausing changes what the agent's UI shows. Either way, fetch now.
        RingIfOnline();
        return true;
    }

    private string[] RunningPulls() => State.Outbox
        .Where(c => c.Kind == AgentCommandKind.StartPull && c.DatasetId is not null)
        .Select(c => c.DatasetId!)
        .Distinct()
        .ToArray();

    private void Describe(AgentHello hello)
    {
        State.MachineName = hello.MachineName;
        State.AgentVersion = hello.AgentVersion;
        State.ProcessId = hello.ProcessId;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        connectedAgents.Lost(ConnectorId);
        return Task.CompletedTask;
    }

    private void Heard(IAgentObserver observer)
    {
        _observer = observer;
        _lastHeartbeat = time.GetUtcNow();
        connectedAgents.Heard(ConnectorId, _lastHeartbeat.Value);
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

    private bool IsHeldBack(AgentCommand command) =>
        command.Kind == AgentCommandKind.StartPull && command.CompanyId is { } companyId && State.PausedCompanyIds.Contains(companyId);

    private void ForgetRestartRequest()
    {
        State.RestartRequested = null;
        State.Outbox.RemoveAll(c => c.Kind == AgentCommandKind.Restart);
    }

    private void RingIfOnline()
    {
        if (IsOnlineNow())
        {
            RingDoorbell();
        }
    }

    private static bool AddOnce(List<string> list, string item)
    {
        if (list.Contains(item))
        {
            return false;
        }

        list.Add(item);
        return true;
    }

    private bool IsOnlineNow() => _lastHeartbeat is { } last && time.GetUtcNow() - last < _presenceTimeout;

    private void RingDoorbell()
    {
        if (_observer is null)
        {
            return;
        }

        try
        {
            // One-way: the call returns at once and a lost ring costs at most one heartbeat interval.
            _ = _observer.CommandsAvailable();
        }
        catch (Exception e)
        {
            ConnectorLog.DoorbellFailed(logger, e, ConnectorId);
        }
    }

    private void EnsureRegistered()
    {
        if (!State.IsRegistered)
        {
            throw new InvalidOperationException($"Connector {ConnectorId} is not registered.");
        }
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
