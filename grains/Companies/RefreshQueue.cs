using System.Diagnostics;
using Ledgerlink.Companies;
using Ledgerlink.DataTypes;
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
    IGrainFactory grains,
    ConnectorCommands commands,
    SyncOutcomes outcomes,
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

    /// <summary>The operations still waiting for a connector, newest first; a link hands them to the new connector.</summary>
    public PullOperationRecord[] Queued() => Company.Operations.Where(o => o.Status == PullOperationStatus.Queued).ToArray();

    private async Task<RefreshOutcome[]> QueueAsync(IReadOnlyList<string> dataTypes, string? refreshId, bool fullSync)
    {
        var connection = new CompanyConnections(Company, time).Live!;
        var connectorId = connection.Status == ConnectionStatus.Linked ? connection.ConnectorId : null;
        var requested = time.GetUtcNow();
        var created = await Task.WhenAll(dataTypes.Select(dataType =>
            grains.GetGrain<IPullOperationGrain>(Guid.NewGuid().ToString())
                .Create(new PullOperationRequest(companyId, connection.Id, dataType, refreshId, requested, fullSync))));
        var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        var records = created.Select(operation => new PullOperationRecord
        {
            Id = operation.Id,
            DataType = operation.DataType,
            RefreshId = refreshId,
            ConnectionId = connection.Id,
            Status = operation.Status,
            Requested = operation.Requested,
            ConnectorId = connectorId,
            TraceParent = traceParent,
        }).ToArray();
        var history = History;
        foreach (var record in records)
        {
            history.Add(record);
        }

        history.Trim(historyLimit);

        // Durable before anything is sent: once this write succeeds the request survives any restart.
        await state.WriteStateAsync();
        foreach (var record in records)
        {
            CompanyLog.Queued(logger, companyId, record.DataType, record.Id, refreshId);
            await commands.StartPull(record);
        }

        return created.Select(operation => new RefreshOutcome(operation, null, null)).ToArray();
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
