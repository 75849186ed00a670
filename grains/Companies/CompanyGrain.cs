using Ledgerlink.Companies;
using Ledgerlink.Confirmations;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Companies.Generations;
using Ledgerlink.Grains.Connectors;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Grains.Mail;
using Ledgerlink.Grains.PullOperations;
using Ledgerlink.Grains.Reminders;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// One company: profile, Sage 50 connection, the durable record of requested syncs, per-data-type status and the
/// pointers to committed datasets. The rules live in plain classes over its state (<see cref="CompanyConnections"/>,
/// <see cref="SyncHistory"/>, <see cref="DataGenerations"/>, <see cref="OwnerConfirmations"/>); this grain orders them,
/// writes the state and talks to the other grains.
/// </summary>
/// <remarks>
/// Each pull operation grain owns its status; this grain keeps a cache of it (latest and latest successful per data
/// type, the refresh queue), learns of moves through <see cref="IPullOperationNotices"/>, and asks the owners again
/// before it answers or decides from an operation still in progress here. It never waits on a pull operation that may
/// wait on it: it asks with the interleaved GetNews and cancels with the one-way RequestCancel.
/// </remarks>
public sealed class CompanyGrain(
    [PersistentState("company")] IPersistentState<CompanyState> state,
    ICompanyEventPublisher events,
    IDatasetBlobStore datasets,
    IOwnerMailer mailer,
    QueuedPulls queued,
    IOptions<LedgerlinkGrainOptions> options,
    TimeProvider time,
    ILogger<CompanyGrain> logger) : Grain, ICompanyGrain, IPullOperationNotices, IRemindable
{
    /// <summary>Each retired generation has its own deletion reminder, so a name is never registered again once removed.</summary>
    private const string RetentionWakeUpPrefix = "retention-";

    /// <summary>How often unsent StartPulls are tried again while storage or the connector's silo is away.</summary>
    private static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(3);

    private readonly LedgerlinkGrainOptions _options = options.Value;
    private readonly ReadCompletedPublisher _webhooks = new(events, time, logger);
    private readonly RetiredGenerationDeleter _deleter = new(datasets, logger);
    private IGrainTimer? _resendTimer;

    private string CompanyId => this.GetPrimaryKeyString();

    private CompanyConnections Connections => new(state.State, time);

    private SyncHistory History => new(state.State, time);

    private DataGenerations Generations => new(state.State, _options.DataGenerations, time);

    private OwnerConfirmations Owner => new(CompanyId, state, GrainFactory, mailer, _options.OwnerConfirmations, time, logger);

    private ConnectorCommands Commands => new(CompanyId, GrainFactory, ScheduleResend, logger);

    private CompanyLinking Linking => new(CompanyId, state, GrainFactory, Queue, _options.LinkCodeLifetime, time, logger);

    private SyncOutcomes Outcomes => new(CompanyId, state, GrainFactory, Commands, _webhooks, queued, time, logger);

    private RefreshQueue Queue => new(CompanyId, state, Commands, Outcomes, queued, _options.HistoryLimit, time, logger);

    public async Task<CompanyInfo> Create(string tenantId, CompanyProfile profile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile.Name, nameof(profile));
        if (state.State.Exists)
        {
            throw new InvalidOperationException($"Company {CompanyId} already exists.");
        }

        (state.State.TenantId, state.State.Profile, state.State.Created) = (tenantId, profile, time.GetUtcNow());
        await state.WriteStateAsync();
        CompanyLog.Created(logger, CompanyId, tenantId);
        await Owner.VerifyIfChanged(previousOwner: null);
        return Info();
    }

    public Task<CompanyInfo?> Get() => Task.FromResult(state.State.Exists ? Info() : null);

    public async Task<CompanyInfo?> UpdateProfile(CompanyProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile.Name, nameof(profile));
        if (!state.State.Exists)
        {
            return null;
        }

        var previousOwner = state.State.Profile?.OwnerEmail;
        state.State.Profile = profile;
        await state.WriteStateAsync();
        await Owner.VerifyIfChanged(previousOwner);
        return Info();
    }

    public async Task<bool> Delete()
    {
        if (!state.State.Exists)
        {
            return false;
        }

        var running = state.State.Operations.Where(o => o.Status.IsInProgress()).ToArray();
        var (commands, outcomes) = (Commands, Outcomes);
        await state.ClearStateAsync();
        foreach (var operation in running)
        {
            queued.NotWaiting(operation.Id);
            await commands.CancelPull(operation, "The company was deleted.");
            await outcomes.RequestCancel(operation, "The company was deleted.");
        }

        CompanyLog.Deleted(logger, CompanyId, running.Length);
        return true;
    }

    public Task<ConnectionInfo?> CreateConnection(string platformKey) => Linking.Create(platformKey);

    public Task<ConnectionInfo?> SetConnectionStatus(string connectionId, ConnectionStatus status) => Linking.SetStatus(connectionId, status);

    public Task<ConnectionInfo?> DeleteConnection(string connectionId) => Linking.Delete(connectionId);

    public Task<IssuedLinkCode?> IssueLinkCode(string connectionId) => Linking.IssueLinkCode(connectionId);

    public Task<CompanyLinkResult> LinkConnector(CompanyLinkRequest request) => Linking.Link(request);

    public Task<RefreshOutcome> QueueRefresh(string dataType) => Queue.Queue(dataType, fullSync: false);

    public Task<RefreshOutcome> QueueFullRefresh(string dataType) => Queue.Queue(dataType, fullSync: true);

    // Interleaved, asked by a pull operation that may be waiting on this grain, so it asks no pull operation itself.
    public Task<CommittedDataset?> GetSyncBase(string dataType) =>
        Task.FromResult(state.State.Exists && state.State.DataTypes.TryGetValue(dataType, out var status) ? status.Committed : null);

    public Task<RefreshOutcome[]> QueueRefreshAll() => Queue.QueueAll();

    public async Task<IReadOnlyList<DataStatusInfo>> GetDataStatus() =>
        state.State.Exists && await CaughtUp(dataType: null) ? History.Statuses() : [];

    public Task<IReadOnlyList<string>> GetHistory() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Exists ? state.State.Operations.Select(o => o.Id).ToArray() : []);

    public async Task<CommittedDataset?> GetCommittedDataset(string dataType) =>
        state.State.Exists && await CaughtUp(dataType) && state.State.DataTypes.TryGetValue(dataType, out var status) ? status.Committed : null;

    public async Task<DataReadTarget?> GetReadTarget(string dataType) =>
        state.State.Exists && await CaughtUp(dataType) ? Generations.ReadTarget(dataType) : null;

    public Task<DataGenerationInfo?> GetDataGenerations() => Task.FromResult(state.State.Exists ? Generations.Info : null);

    public Task<IReadOnlyList<DataAuditEntry>> GetDataAudit() => Task.FromResult(state.State.Exists ? Generations.AuditTrail : []);

    public async Task<DataChangeRequested> RequestOwnerConfirmation(OwnerAction action, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (action is not (OwnerAction.ResetData or OwnerAction.RestoreData))
        {
            throw new ArgumentException($"Only a reset or restore is asked for this way, not {action}.", nameof(action));
        }

        return !state.State.Exists
            ? new DataChangeRequested(null, DataChangeRefusal.CompanyNotFound, $"Company {CompanyId} does not exist.")
            : await Owner.RequestConfirmation(action, actor, action == OwnerAction.ResetData ? Generations.ResetRefusal : Generations.RestoreRefusal);
    }

    public async Task<DataChangeRequested> RequestOwnerVerification(string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return !state.State.Exists
            ? new DataChangeRequested(null, DataChangeRefusal.CompanyNotFound, $"Company {CompanyId} does not exist.")
            : await Owner.RequestVerification(actor);
    }

    public async Task<bool> OwnerVerified(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return state.State.Exists && await Owner.Verified(email);
    }

    public Task<DataChangeOutcome> ResetData(DataChangeRequest request) => ChangeData(request, reset: true);

    public Task<DataChangeOutcome> RestoreData(DataChangeRequest request) => ChangeData(request, reset: false);

    public async Task PullOperationMoved(PullOperationNews news)
    {
        ArgumentNullException.ThrowIfNull(news);
        var outcomes = Outcomes;
        if (outcomes.Known(news) is { } record)
        {
            await outcomes.Record(record, news);
        }
    }

    public Task ResendQueuedTo(string connectorId) => Queue.ResendTo(connectorId);

    public Task<PullOperationRequest?> GetPullRequest(string pullOperationId) => Task.FromResult(Queue.RequestOf(pullOperationId));

    // The refreshes waiting here are counted on this silo while this activation holds their records (the gauge of QueuedPulls).
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var record in state.State.Operations.Where(o => o.Status == PullOperationStatus.Queued))
        {
            queued.Waiting(record.Id, record.Requested);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var record in state.State.Operations)
        {
            queued.NotWaiting(record.Id);
        }

        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!reminderName.StartsWith(RetentionWakeUpPrefix, StringComparison.Ordinal)
            || !long.TryParse(reminderName.AsSpan(RetentionWakeUpPrefix.Length), out var number))
        {
            return;
        }

        if (state.State.Exists && await _deleter.DeleteExpired(CompanyId, Generations) > 0)
        {
            await state.WriteStateAsync();
        }

        // Still retired: not due yet, or its deletion failed; the reminder's next tick tries again.
        if (!state.State.Exists || !Generations.IsRetired(number))
        {
            await WakeUpReminder.ClearAsync(this, reminderName);
        }
    }

    private async Task<DataChangeOutcome> ChangeData(DataChangeRequest request, bool reset)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!state.State.Exists)
        {
            return new DataChangeOutcome(null, DataChangeRefusal.CompanyNotFound, $"Company {CompanyId} does not exist.", null);
        }

        var generations = Generations;
        var refusal = Owner.ChangeRefusal(request, reset ? "reset" : "restore") ?? (reset ? generations.ResetRefusal : generations.RestoreRefusal);
        if (refusal is { } refused)
        {
            // Refusals change nothing, not even the audit log; they are logged for support.
            CompanyLog.DataChangeRefused(logger, CompanyId, refused.Refusal, request.Actor);
            return new DataChangeOutcome(null, refused.Refusal, refused.Reason, generations.Info);
        }

        // The alarm for the generation about to be retired is armed before the change is written: a retired generation
        // always has one, and a change whose alarm cannot be set (table storage down) fails before anything changes.
        // The retirement time is taken before the alarm is set, so it never fires early.
        var now = time.GetUtcNow();
        if ((reset ? generations.RetiredByReset : generations.RetiredByRestore) is { } retiring)
        {
            await WakeUpReminder.SetAsync(this, RetentionWakeUpPrefix + retiring, _options.DataGenerations.RetiredRetention);
        }

        // The syncs running now (as their owners say) have their commits refused from here on, so nothing they read can
        // land in the new generation, and are asked to cancel; they tell this grain the outcome. Queued ones stay.
        var outcomes = Outcomes;
        await outcomes.CatchUp(History.InProgressOf(dataType: null));
        var cancelled = History.RefuseRunningCommits();
        var entry = reset ? generations.Reset(request.Actor, cancelled.Length, now) : generations.Restore(request.Actor, cancelled.Length, now);
        await state.WriteStateAsync();
        var log = reset ? (Action<ILogger, string, long, long, int, int>)CompanyLog.DataReset : CompanyLog.DataRestored;
        log(logger, CompanyId, entry.FromGeneration, entry.ToGeneration, entry.Datasets, cancelled.Length);
        foreach (var record in cancelled)
        {
            await outcomes.RequestCancel(record, reset ? "The company's data was reset." : "The company's data was restored.");
        }

        return new DataChangeOutcome(entry, null, null, generations.Info);
    }

    /// <summary>
    /// A failed send leaves a request durable here but not with the agent: a timer (keeping the grain active) sends the
    /// queued ones again until all got through. A silo lost before that leaves no timer; the connector then asks again
    /// when it hears its agent (<see cref="ResendQueuedTo"/>).
    /// </summary>
    private void ScheduleResend() =>
        _resendTimer ??= this.RegisterGrainTimer(ResendQueued, new GrainTimerCreationOptions
        {
            DueTime = ResendInterval,
            Period = ResendInterval,
            KeepAlive = true,
        });

    /// <summary>Whether the company's copies of the operations in progress (of one data type, or all) were refreshed from their owners.</summary>
    private async Task<bool> CaughtUp(string? dataType)
    {
        await Outcomes.CatchUp(History.InProgressOf(dataType));
        return state.State.Exists;
    }

    private async Task ResendQueued(CancellationToken cancellationToken)
    {
        if (await Queue.ResendAll())
        {
            _resendTimer?.Dispose();
            _resendTimer = null;
        }
    }

    private CompanyInfo Info() =>
        new(CompanyId, state.State.TenantId!, state.State.Profile!, state.State.Created, state.State.LastSync, state.State.Connections.Select(c => c.ToInfo()).ToArray());
}
