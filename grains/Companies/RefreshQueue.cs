using System.Diagnostics;
using Ledgerlink.Companies;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.PullOperations;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// The company's refresh queue: creating pull operations for refreshes, recording them durably, and handing their
/// StartPulls to the connector (again, when a send may have been lost). Whether a data type is still in progress is asked
/// of its pull operation first (<see cref="SyncOutcomes.CatchUp"/>). Built by the company grain for each call.
/// </summary>
public sealed class RefreshQueue(
    string companyId,
    IPersistentState<CompanyState> state,
    ConnectorCommands commands,
    SyncOutcomes outcomes,
    QueuedPulls queued,
    int historyLimit,
    TimeProvider time,
    ILogger logger)
{
    private CompanyState Company => state.State;

    private SyncHistory History => new(Company, time);

    public async Task<RefreshOutcome> Queue(string dataType, bool fullSync)
    {
        if (Refusal() is { } refusal)
        {
            return refusal;
        }

        if (!DataTypeNames.IsSupported(dataType))
        {
            return new RefreshOutcome(null, RefreshRefusal.UnknownDataType, $"'{dataType}' is not a supported data type.");
        }

        await outcomes.CatchUp(History.InProgressOf(dataType));
        if (History.InProgress(dataType) is { } running)
        {
            await ResendIfQueued(running);
            return new RefreshOutcome(null, RefreshRefusal.AlreadyInProgress,
                $"A {dataType} sync ({running.Id}) is already {running.Status}; wait for it to finish.");
        }

        return (await QueueAsync([dataType], refreshId: null, fullSync))[0];
    }

    /// <summary>Queues every supported data type that is not already in progress (those get their StartPull again).</summary>
    public async Task<RefreshOutcome[]> QueueAll()
    {
        if (Refusal() is { } refusal)
        {
            return [refusal];
        }

        await outcomes.CatchUp(History.InProgressOf(dataType: null));
        var toQueue = new List<string>();
        foreach (var dataType in DataTypeNames.All)
        {
            if (History.InProgress(dataType) is { } running)
            {
                await ResendIfQueued(running);
            }
            else
            {
                toQueue.Add(dataType);
            }
        }

        return toQueue.Count == 0 ? [] : await QueueAsync(toQueue, refreshId: Guid.NewGuid().ToString(), fullSync: false);
    }

    /// <summary>Sends every queued StartPull for <paramref name="connectorId"/> again; the connector ignores a repeat.</summary>
    public async Task ResendTo(string connectorId)
    {
        var records = Company.Operations.Where(o => o.ConnectorId == connectorId && o.Status == PullOperationStatus.Queued).ToArray();
        await outcomes.CatchUp(records);
        foreach (var record in records)
        {
            await ResendIfQueued(record);
        }
    }

    /// <summary>Sends every queued StartPull again; true when all got through.</summary>
    public async Task<bool> ResendAll()
    {
        await outcomes.CatchUp(Company.Operations.Where(o => o.Status == PullOperationStatus.Queued).ToArray());
        var queued = Company.Operations.Where(o => o.Status == PullOperationStatus.Queued && o.ConnectorId is not null).ToArray();
        foreach (var record in queued)
        {
            if (!await commands.StartPull(record))
            {
                return false;
            }
        }

        CompanyLog.ResentQueued(logger, companyId, queued.Length);
        return true;
    }

    /// <summary>What a pull operation still Queued here was asked for; null when this company has no such queued record.</summary>
    public PullOperationRequest? RequestOf(string pullOperationId) =>
        Company.Exists && History.Find(pullOperationId) is { Status: PullOperationStatus.Queued } record ? record.Request(companyId) : null;

    /// <summary>The operations still waiting for a connector, newest first; a link hands them to the new connector.</summary>
    public PullOperationRecord[] Queued() => Company.Operations.Where(o => o.Status == PullOperationStatus.Queued).ToArray();

    /// <summary>
    /// The refresh's one durable write is the company's: its records carry the whole request, and each pull operation
    /// writes nothing until it first moves (<see cref="QueuedRecords"/>). The StartPulls are handed to the connector
    /// one-way after the write, so nothing else stands between the write and the answer.
    /// </summary>
    private async Task<RefreshOutcome[]> QueueAsync(IReadOnlyList<string> dataTypes, string? refreshId, bool fullSync)
    {
        var connection = new CompanyConnections(Company, time).Live!;
        var connectorId = connection.Status == ConnectionStatus.Linked ? connection.ConnectorId : null;
        var requested = time.GetUtcNow();
        var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        var records = dataTypes.Select(dataType => new PullOperationRecord
        {
            Id = Guid.NewGuid().ToString(),
            DataType = dataType,
            RefreshId = refreshId,
            ConnectionId = connection.Id,
            Status = PullOperationStatus.Queued,
            Requested = requested,
            ConnectorId = connectorId,
            TraceParent = traceParent,
            FullSync = fullSync,
        }).ToArray();
        var history = History;
        foreach (var record in records)
        {
            history.Add(record);
        }

        history.Trim(historyLimit);

        // Durable before anything is sent: once this write succeeds the request survives any restart. If it fails, the
        // grain is deactivated (StorageFailureDeactivation), so the records above never outlive it in memory.
        await state.WriteStateAsync();
        foreach (var record in records)
        {
            CompanyLog.Queued(logger, companyId, record.DataType, record.Id, refreshId);
            queued.Waiting(record.Id, record.Requested);
            await commands.StartPull(record);
        }

        return records.Select(record => new RefreshOutcome(record.QueuedInfo(companyId), null, null)).ToArray();
    }

    /// <summary>A queued request whose StartPull may have been lost is sent again; the connector ignores a repeat.</summary>
    private async Task ResendIfQueued(PullOperationRecord record)
    {
        if (record.Status == PullOperationStatus.Queued)
        {
            await commands.StartPull(record);
        }
    }

    private RefreshOutcome? Refusal()
    {
        if (!Company.Exists)
        {
            return new RefreshOutcome(null, RefreshRefusal.CompanyNotFound, $"Company {companyId} does not exist.");
        }

        return new CompanyConnections(Company, time).Live is null
            ? new RefreshOutcome(null, RefreshRefusal.NoConnection,
                $"The company has no data connection; create one (platform key {Sage50Platform.PlatformKey}) and link the agent.")
            : null;
    }
}
