using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// What the company does with a pull operation's news: records it (with its commit, in one state write), tells the
/// connector to stop a cancelled one, and publishes the refresh's webhook once all of it has finished.
/// Built by the company grain for each call.
/// </summary>
public sealed class SyncOutcomes(
    string companyId,
    IPersistentState<CompanyState> state,
    IGrainFactory grains,
    ConnectorCommands commands,
    ReadCompletedPublisher webhooks,
    TimeProvider time,
    ILogger logger)
{
    private CompanyState Company => state.State;

    /// <summary>Records an operation's news (and its commit, in the same state write); then what follows its end.</summary>
    public async Task Record(OperationRecord record, PullOperationInfo operation, CommittedDataset? dataset)
    {
        var history = new SyncHistory(Company, time);
        if (dataset is not null && record.Status == PullOperationStatus.Cancelled)
        {
            // A reset or restore cancelled it first: its commit never becomes readable.
            CompanyLog.StaleCommitIgnored(logger, companyId, record.Id, dataset.DatasetId);
            return;
        }

        // The pointer and the Complete status are written together: readers never see one without the other.
        var moved = dataset is not null && history.MovePointer(record, dataset);
        var finishedNow = history.Apply(record, operation, out var changed);
        if (moved || changed)
        {
            await state.WriteStateAsync();
        }

        if (changed)
        {
            CompanyLog.OperationChanged(logger, companyId, record.Id, operation.Status);
        }

        if (moved)
        {
            CompanyLog.DatasetCommitted(logger, companyId, record.DataType, dataset!.DatasetId, dataset.RecordCount);
        }

        if (finishedNow && operation.Status == PullOperationStatus.Cancelled)
        {
            // This grain sent the StartPull, so it tells the same connector to stop.
            await commands.CancelPull(record, operation.StatusDescription);
        }

        if (finishedNow)
        {
            await PublishIfRefreshFinished(record);
        }
    }

    public async Task CancelOperation(string datasetId, string reason)
    {
        try
        {
            await grains.GetGrain<IPullOperationGrain>(datasetId).Cancel(reason);
        }
        catch (Exception e)
        {
            CompanyLog.CancelFailed(logger, e, companyId, datasetId);
        }
    }

    public async Task PublishIfRefreshFinished(OperationRecord record)
    {
        if (new SyncHistory(Company, time).FinishedRefresh(record) is { } refresh)
        {
            await webhooks.PublishAsync(companyId, Company, refresh);
        }
    }

    public OperationRecord? Known(PullOperationInfo operation)
    {
        var record = Company.Exists && operation.CompanyId == companyId ? new SyncHistory(Company, time).Find(operation.Id) : null;
        if (record is null)
        {
            CompanyLog.UnknownOperation(logger, companyId, operation.Id);
        }

        return record;
    }
}
