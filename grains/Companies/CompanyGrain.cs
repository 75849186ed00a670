using System.Diagnostics;
using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Connectors;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.PullOperations;
using Ledgerlink.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// One company: profile, Sage 50 connection, the durable record of requested syncs, per-data-type status and the
/// pointers to committed datasets.
/// </summary>
/// <remarks>
/// Calls go one way only (company → pull operation → nothing back during that call; pull operation → company;
/// company → connector), so two non-reentrant grains never wait on each other. Webhooks are published without
/// waiting for the tenant, which may well call back here to read the company.
/// </remarks>
public sealed partial class CompanyGrain(
    [PersistentState("company")] IPersistentState<CompanyState> state,
    ICompanyEventPublisher events,
    IOptions<LedgerlinkGrainOptions> options,
    TimeProvider time,
    ILogger<CompanyGrain> logger) : Grain, ICompanyGrain, IRemindable
{
    private readonly int _historyLimit = options.Value.HistoryLimit;

    private string CompanyId => this.GetPrimaryKeyString();

    private CompanyState State => state.State;

    // For the other part of this grain (CompanyGrain.DataGenerations.cs), which cannot see the primary constructor.
    private IPersistentState<CompanyState> PersistentState => state;

    private TimeProvider Time => time;

    private ILogger Logger => logger;

    private LedgerlinkGrainOptions Options => options.Value;

    public async Task<CompanyInfo> Create(string tenantId, CompanyProfile profile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile.Name, nameof(profile));
        if (State.Exists)
        {
            throw new InvalidOperationException($"Company {CompanyId} already exists.");
        }

        State.TenantId = tenantId;
        State.Profile = profile;
        State.Created = time.GetUtcNow();
        await state.WriteStateAsync();
        CompanyLog.Created(logger, CompanyId, tenantId);
        await VerifyOwnerIfChanged(previousOwner: null);
        return Info();
    }

    public Task<CompanyInfo?> Get() => Task.FromResult(State.Exists ? Info() : null);

    public async Task<CompanyInfo?> UpdateProfile(CompanyProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile.Name, nameof(profile));
        if (!State.Exists)
        {
            return null;
        }

        var previousOwner = State.Profile?.OwnerEmail;
        State.Profile = profile;
        await state.WriteStateAsync();
        await VerifyOwnerIfChanged(previousOwner);
        return Info();
    }

    public async Task<bool> Delete()
    {
        if (!State.Exists)
        {
            return false;
        }

        var running = State.Operations.Where(o => o.Status.IsInProgress()).ToArray();
        await state.ClearStateAsync();
        foreach (var operation in running)
        {
            if (operation.ConnectorId is { } connectorId)
            {
                await SendQuietly(connectorId, operation,
                    AgentCommands.CancelPull(CompanyId, operation.Id, operation.DataType, "The company was deleted."));
            }

            // Not awaited: the operation reports back to this grain, which must be free to take that call.
            _ = CancelQuietly(operation.Id);
        }

        CompanyLog.Deleted(logger, CompanyId, running.Length);
        return true;
    }

    public async Task<ConnectionInfo?> CreateConnection(string platformKey)
    {
        if (!State.Exists || !string.Equals(platformKey, Sage50Platform.PlatformKey, StringComparison.Ordinal))
        {
            return null;
        }

        // One live connection per company: asking again returns it.
        if (LiveConnection() is { } live)
        {
            return live.ToInfo();
        }

        var connection = NewConnection(ConnectionStatus.PendingAuth);
        await state.WriteStateAsync();
        return connection.ToInfo();
    }

    public async Task<ConnectionInfo?> SetConnectionStatus(string connectionId, ConnectionStatus status)
    {
        if (!State.Exists || FindConnection(connectionId) is not { } connection)
        {
            return null;
        }

        if (connection.Status != status)
        {
            connection.Status = status;
            await state.WriteStateAsync();
        }

        return connection.ToInfo();
    }

    public async Task<ConnectionInfo?> DeleteConnection(string connectionId)
    {
        if (!State.Exists || FindConnection(connectionId) is not { } connection)
        {
            return null;
        }

        State.Connections.Remove(connection);
        await state.WriteStateAsync();
        return connection.ToInfo();
    }

    public async Task<IssuedLinkCode?> IssueLinkCode(string connectionId)
    {
        if (!State.Exists || FindConnection(connectionId) is not { IsLive: true } connection)
        {
            return null;
        }

        var code = LinkCodes.Generate();
        connection.LinkCodeHash = LinkCodes.Hash(code);
        connection.LinkCodeExpires = time.GetUtcNow() + Options.LinkCodeLifetime;
        await state.WriteStateAsync();
        CompanyLog.LinkCodeIssued(logger, CompanyId, connection.Id, connection.LinkCodeExpires.Value);
        return new IssuedLinkCode(connection.ToInfo(), code, connection.LinkCodeExpires.Value);
    }

    public async Task<CompanyLinkResult> LinkConnector(CompanyLinkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ConnectorId, nameof(request));

        // The code is checked before anything else, and a company that does not exist answers exactly as a wrong code
        // does: without the right code a caller learns nothing about the company.
        var connection = State.Exists ? LiveConnection() : null;
        if (LinkCodeRefusal(connection, request.LinkCode) is { } refusal)
        {
            return RefuseLink(request, refusal);
        }

        if (connection!.Status == ConnectionStatus.Linked && connection.ConnectorId != request.ConnectorId)
        {
            return RefuseLink(request,
                "The company is already linked to another connector; its connection must be unlinked first.");
        }

        connection.Status = ConnectionStatus.Linked;
        connection.ConnectorId = request.ConnectorId;
        connection.SageCompanyName = request.SageCompanyName;
        connection.VatNumber = request.VatNumber;
        connection.UsedLinkCodeHash = connection.LinkCodeHash;
        connection.LinkCodeHash = null;
        connection.LinkCodeExpires = null;

        // Everything still waiting for a connector goes to this one.
        var queued = State.Operations.Where(o => o.Status == PullOperationStatus.Queued).ToArray();
        foreach (var operation in queued)
        {
            operation.ConnectorId = request.ConnectorId;
        }

        await state.WriteStateAsync();

        var connector = GrainFactory.GetGrain<IConnectorGrain>(request.ConnectorId);
        await connector.AddCompany(CompanyId);

        // Oldest first, so the agent works through them in the order they were asked for.
        foreach (var operation in queued.Reverse())
        {
            await connector.Enqueue(StartPullFor(operation));
        }

        CompanyLog.Linked(logger, CompanyId, request.ConnectorId, connection.Id, queued.Length);
        return new CompanyLinkResult(true, State.Profile!.Name, connection.Id, Reason: null);
    }

    public Task<RefreshOutcome> QueueRefresh(string dataType) => QueueRefresh(dataType, fullSync: false);

    public Task<RefreshOutcome> QueueFullRefresh(string dataType) => QueueRefresh(dataType, fullSync: true);

    public Task<CommittedDataset?> GetSyncBase(string dataType) => GetCommittedDataset(dataType);

    private async Task<RefreshOutcome> QueueRefresh(string dataType, bool fullSync)
    {
        if (CompanyRefusal() is { } refusal)
        {
            return refusal;
        }

        if (!DataTypeNames.IsSupported(dataType))
        {
            return new RefreshOutcome(null, RefreshRefusal.UnknownDataType, $"'{dataType}' is not a supported data type.");
        }

        if (InProgress(dataType) is { } running)
        {
            await ResendIfQueued(running);
            return new RefreshOutcome(
                null, RefreshRefusal.AlreadyInProgress,
                $"A {dataType} sync ({running.Id}) is already {running.Status}; wait for it to finish.");
        }

        var outcomes = await QueueAsync([dataType], refreshId: null, fullSync);
        return outcomes[0];
    }

    public async Task<RefreshOutcome[]> QueueRefreshAll()
    {
        if (CompanyRefusal() is { } refusal)
        {
            return [refusal];
        }

        var toQueue = new List<string>();
        foreach (var dataType in DataTypeNames.All)
        {
            if (InProgress(dataType) is { } running)
            {
                await ResendIfQueued(running);
            }
            else
            {
                toQueue.Add(dataType);
            }
        }

        return toQueue.Count == 0 ? [] : await QueueAsync(toQueue, refreshId: Guid.NewGuid().ToString());
    }

    public Task<IReadOnlyList<DataStatusInfo>> GetDataStatus()
    {
        var statuses = new List<DataStatusInfo>();
        if (State.Exists)
        {
            foreach (var dataType in DataTypeNames.All)
            {
                if (State.DataTypes.TryGetValue(dataType, out var status))
                {
                    statuses.Add(new DataStatusInfo(
                        dataType, status.CurrentStatus, status.LatestSyncId, status.LatestSuccessfulSyncId, status.LastSuccessfulSync,
                        State.DataGenerations.Current, status.Committed?.RecordCount, State.DataGenerations.LastReset));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<DataStatusInfo>>(statuses);
    }

    public Task<IReadOnlyList<string>> GetHistory() =>
        Task.FromResult<IReadOnlyList<string>>(State.Exists ? State.Operations.Select(o => o.Id).ToArray() : []);

    public Task<CommittedDataset?> GetCommittedDataset(string dataType) =>
        Task.FromResult(State.Exists && State.DataTypes.TryGetValue(dataType, out var status) ? status.Committed : null);

    public async Task OnPullOperationChanged(PullOperationInfo operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (Known(operation) is not { } record)
        {
            return;
        }

        var finishedNow = Apply(record, operation, out var changed);
        if (changed)
        {
            await state.WriteStateAsync();
        }

        if (finishedNow && operation.Status == PullOperationStatus.Cancelled && record.ConnectorId is { } connectorId)
        {
            // This grain sent the StartPull, so it tells the same connector to stop.
            await SendQuietly(connectorId, record,
                AgentCommands.CancelPull(CompanyId, record.Id, record.DataType, operation.StatusDescription));
        }

        if (finishedNow)
        {
            PublishIfRefreshFinished(record);
        }
    }

    public async Task OnDatasetCommitted(PullOperationInfo operation, CommittedDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(dataset);
        if (Known(operation) is not { } record)
        {
            return;
        }

        if (CommitIsStale(record, dataset))
        {
            return;
        }

        var status = State.DataType(record.DataType);
        var previous = status.Committed;
        var moved = false;
        if (record.Status.IsInProgress() && previous?.DatasetId != dataset.DatasetId && (previous is null || previous.CommittedAt <= dataset.CommittedAt))
        {
            status.Committed = dataset;
            record.RecordsModified = dataset.RecordCount > 0 || previous?.RecordCount > 0;
            moved = true;
        }

        // The pointer and the Complete status are written together: readers never see one without the other.
        var finishedNow = Apply(record, operation, out var changed);
        if (moved || changed)
        {
            await state.WriteStateAsync();
        }

        if (moved)
        {
            CompanyLog.DatasetCommitted(logger, CompanyId, record.DataType, dataset.DatasetId, dataset.RecordCount);
        }

        if (finishedNow)
        {
            PublishIfRefreshFinished(record);
        }
    }

    private async Task<RefreshOutcome[]> QueueAsync(IReadOnlyList<string> dataTypes, string? refreshId, bool fullSync = false)
    {
        var connection = LiveConnection()!;
        var connectorId = connection.Status == ConnectionStatus.Linked ? connection.ConnectorId : null;
        var requested = time.GetUtcNow();

        var created = await Task.WhenAll(dataTypes.Select(dataType =>
            GrainFactory.GetGrain<IPullOperationGrain>(Guid.NewGuid().ToString())
                .Create(new PullOperationRequest(CompanyId, connection.Id, dataType, refreshId, requested, fullSync))));

        var records = new List<OperationRecord>(created.Length);
        foreach (var operation in created)
        {
            var record = new OperationRecord
            {
                Id = operation.Id,
                DataType = operation.DataType,
                RefreshId = refreshId,
                ConnectionId = connection.Id,
                Status = operation.Status,
                Requested = operation.Requested,
                ConnectorId = connectorId,
                TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
            };
            State.Operations.Insert(0, record);
            var status = State.DataType(operation.DataType);
            status.LatestSyncId = operation.Id;
            status.CurrentStatus = operation.Status;
            records.Add(record);
        }

        TrimHistory();

        // Durable before anything is sent: once this write succeeds the request survives any restart.
        await state.WriteStateAsync();

        foreach (var record in records)
        {
            CompanyLog.Queued(logger, CompanyId, record.DataType, record.Id, refreshId);
            if (connectorId is not null)
            {
                await SendQuietly(connectorId, record, StartPullFor(record));
            }
        }

        return created.Select(operation => new RefreshOutcome(operation, null, null)).ToArray();
    }

    /// <summary>A queued request whose StartPull may have been lost is sent again; the connector ignores a repeat.</summary>
    private async Task ResendIfQueued(OperationRecord record)
    {
        if (record.Status == PullOperationStatus.Queued && record.ConnectorId is { } connectorId)
        {
            await SendQuietly(connectorId, record, StartPullFor(record));
        }
    }

    private async Task SendQuietly(string connectorId, OperationRecord record, AgentCommand command)
    {
        try
        {
            await GrainFactory.GetGrain<IConnectorGrain>(connectorId).Enqueue(command);
        }
        catch (Exception e)
        {
            CompanyLog.SendFailed(logger, e, CompanyId, record.Id, connectorId);
            ScheduleResend();
        }
    }

    private async Task CancelQuietly(string datasetId)
    {
        try
        {
            await GrainFactory.GetGrain<IPullOperationGrain>(datasetId).Cancel("The company was deleted.");
        }
        catch (Exception e)
        {
            CompanyLog.CancelFailed(logger, e, CompanyId, datasetId);
        }
    }

    /// <summary>Applies an operation's news to its record and data status; true when it has just finished.</summary>
    private bool Apply(OperationRecord record, PullOperationInfo operation, out bool changed)
    {
        changed = false;
        var wasInProgress = record.Status.IsInProgress();

        // Notices can be repeated (retries); a late in-progress one must not reopen a finished operation.
        if (!wasInProgress && operation.Status.IsInProgress())
        {
            return false;
        }

        if (record.Status == operation.Status && record.RecordCount == operation.RecordCount
            && record.Completed == operation.Completed)
        {
            return false;
        }

        changed = true;
        record.Status = operation.Status;
        record.RecordCount = operation.RecordCount;
        record.Completed = operation.Completed;
        CompanyLog.OperationChanged(logger, CompanyId, record.Id, operation.Status);

        var status = State.DataType(record.DataType);
        if (status.LatestSyncId == record.Id)
        {
            status.CurrentStatus = operation.Status;
        }

        if (operation.Status == PullOperationStatus.Complete)
        {
            var completed = operation.Completed ?? time.GetUtcNow();
            if (status.LastSuccessfulSync is null || status.LastSuccessfulSync <= completed)
            {
                status.LatestSuccessfulSyncId = record.Id;
                status.LastSuccessfulSync = completed;
            }

            State.LastSync = Later(State.LastSync, completed);
            if (FindConnection(record.ConnectionId) is { } connection)
            {
                connection.LastSync = Later(connection.LastSync, completed);
            }
        }

        return wasInProgress && !operation.Status.IsInProgress();
    }

    private void PublishIfRefreshFinished(OperationRecord record)
    {
        var group = record.RefreshId is null
            ? [record]
            : State.Operations.Where(o => o.RefreshId == record.RefreshId).Reverse().ToArray();
        if (group.Any(o => o.Status.IsInProgress()))
        {
            return;
        }

        var webhookEvent = ReadCompletedWebhook.Create(
            Guid.NewGuid().ToString(),
            time.GetUtcNow(),
            CompanyId,
            State.Profile!,
            group.Select(o => new ReadCompletedWebhook.DataTypeRead(o.ConnectionId, o.DataType, o.RecordsModified, o.Status)));

        // Not awaited: the tenant's delivery must never hold up or break the company.
        _ = PublishQuietly(State.TenantId!, webhookEvent);
    }

    private async Task PublishQuietly(string tenantId, WebhookEvent webhookEvent)
    {
        try
        {
            await events.PublishAsync(tenantId, webhookEvent);
        }
        catch (Exception e)
        {
            CompanyLog.PublishFailed(logger, e, CompanyId, webhookEvent.EventType, webhookEvent.Id, tenantId);
        }
    }

    private RefreshOutcome? CompanyRefusal()
    {
        if (!State.Exists)
        {
            return new RefreshOutcome(null, RefreshRefusal.CompanyNotFound, $"Company {CompanyId} does not exist.");
        }

        return LiveConnection() is null
            ? new RefreshOutcome(null, RefreshRefusal.NoConnection,
                $"The company has no data connection; create one (platform key {Sage50Platform.PlatformKey}) and link the agent.")
            : null;
    }

    private OperationRecord? InProgress(string dataType) =>
        State.DataTypes.TryGetValue(dataType, out var status) && status.CurrentStatus.IsInProgress()
            ? State.Operations.Find(o => o.Id == status.LatestSyncId)
            : null;

    private OperationRecord? Known(PullOperationInfo operation)
    {
        var record = State.Exists && operation.CompanyId == CompanyId ? State.Operations.Find(o => o.Id == operation.Id) : null;
        if (record is null)
        {
            CompanyLog.UnknownOperation(logger, CompanyId, operation.Id);
        }

        return record;
    }

    /// <summary>Drops the oldest finished operations beyond the history limit; running ones always stay.</summary>
    private void TrimHistory()
    {
        for (var i = State.Operations.Count - 1; i >= 0 && State.Operations.Count > _historyLimit; i--)
        {
            if (!State.Operations[i].Status.IsInProgress())
            {
                State.Operations.RemoveAt(i);
            }
        }
    }

    private CompanyConnection NewConnection(ConnectionStatus status)
    {
        var connection = new CompanyConnection
        {
            Id = Guid.NewGuid().ToString(),
            PlatformKey = Sage50Platform.PlatformKey,
            Status = status,
            Created = time.GetUtcNow(),
        };
        State.Connections.Add(connection);
        return connection;
    }

    private CompanyConnection? LiveConnection() => State.Connections.Find(c => c.IsLive);

    private CompanyConnection? FindConnection(string connectionId) => State.Connections.Find(c => c.Id == connectionId);

    /// <summary>Null when <paramref name="code"/> is the live connection's current, unexpired link code.</summary>
    private string? LinkCodeRefusal(CompanyConnection? connection, string? code)
    {
        if (connection is null || LinkCodes.Hash(code) is not { } presented)
        {
            return LinkCodes.WrongCode;
        }

        if (LinkCodes.Matches(connection.LinkCodeHash, presented))
        {
            return connection.LinkCodeExpires > time.GetUtcNow() ? null : LinkCodes.ExpiredCode;
        }

        return State.Connections.Any(c => LinkCodes.Matches(c.UsedLinkCodeHash, presented)) ? LinkCodes.UsedCode : LinkCodes.WrongCode;
    }

    private CompanyLinkResult RefuseLink(CompanyLinkRequest request, string reason)
    {
        CompanyLog.LinkRefused(logger, request.ConnectorId, reason);
        CompanyLog.LinkRefusedFor(logger, CompanyId, request.ConnectorId);
        return new CompanyLinkResult(false, CompanyName: null, ConnectionId: null, reason);
    }

    private AgentCommand StartPullFor(OperationRecord record) =>
        AgentCommands.StartPull(CompanyId, record.Id, record.DataType, record.TraceParent);

    private CompanyInfo Info() => new(
        CompanyId,
        State.TenantId!,
        State.Profile!,
        State.Created,
        State.LastSync,
        State.Connections.Select(c => c.ToInfo()).ToArray());

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && value > candidate ? value : candidate;
}
