using Ledgerlink.Grains.PullOperations;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// What the company does with a pull operation's news, which only the operation owns: records it (with its commit, in
/// one state write), tells the connector to stop a cancelled one, and publishes the refresh's webhook once all of it has
/// finished. Its records are a cache: <see cref="CatchUp"/> asks the owners again. Built by the company grain per call.
/// </summary>
public sealed class SyncOutcomes(
    string companyId,
    IPersistentState<CompanyState> state,
    IGrainFactory grains,
    ConnectorCommands commands,
    ReadCompletedPublisher webhooks,
    QueuedPulls queued,
    TimeProvider time,
    ILogger logger)
{
    private CompanyState Company => state.State;

    private SyncHistory History => new(Company, time);

    /// <summary>The record of the operation <paramref name="news"/> is about, if this company requested it.</summary>
    public PullOperationRecord? Known(PullOperationNews news)
    {
        var operation = news.Operation;
        var record = Company.Exists && operation.CompanyId == companyId ? History.Find(operation.Id) : null;
        if (record is null)
        {
            CompanyLog.UnknownOperation(logger, companyId, operation.Id);
        }

        return record;
    }

    /// <summary>
    /// Asks the owner of each operation still in progress here for what it last wrote, and records that: a notice lost
    /// on the way (a silo lost, the company's write failed) never leaves the company on a stale copy. An owner that cannot
    /// answer now leaves its record as it is, to be asked again next time.
    /// </summary>
    public async Task CatchUp(IEnumerable<PullOperationRecord> records)
    {
        foreach (var record in records.Where(r => r.Status.IsInProgress()).ToArray())
        {
            PullOperationNews? news;
            try
            {
                news = await grains.GetGrain<IPullOperationGrain>(record.Id).GetNews();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CompanyLog.CatchUpFailed(logger, e, companyId, record.Id);
                continue;
            }

            if (news is not null)
            {
                await Record(record, news);
            }

            // A cancel asked for at a reset or restore may have been lost with its silo: ask again, it is idempotent.
            if (record.CommitRefused && record.Status == PullOperationStatus.Fetching)
            {
                await RequestCancel(record, "The company's data was reset or restored while it ran.");
            }
        }
    }

    /// <summary>Records an operation's news (and its commit, in the same state write); then what follows its end.</summary>
    public async Task Record(PullOperationRecord record, PullOperationNews news)
    {
        var (operation, dataset) = (news.Operation, news.Committed);
        var history = History;
        if (dataset is not null && record.CommitRefused)
        {
            // A reset or restore happened while it ran: its commit never becomes readable.
            CompanyLog.StaleCommitIgnored(logger, companyId, record.Id, dataset.DatasetId);
        }

        // The pointer and the Complete status are written together: readers never see one without the other.
        var moved = dataset is not null && history.MovePointer(record, dataset);
        var finishedNow = history.Apply(record, operation, out var changed);
        if (record.Status != PullOperationStatus.Queued)
        {
            queued.NotWaiting(record.Id);
        }

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

        if (finishedNow && History.FinishedRefresh(record) is { } refresh)
        {
            await webhooks.PublishAsync(companyId, Company, refresh);
        }
    }

    /// <summary>Asks the operation to cancel; it tells this company the outcome through its notice, like any other move.</summary>
    public async Task RequestCancel(PullOperationRecord record, string reason)
    {
        try
        {
            // A queued one may have written nothing yet: it gets its request, so it is cancelled (and written) all the same.
            var request = record.Status == PullOperationStatus.Queued ? record.Request(companyId) : null;
            await grains.GetGrain<IPullOperationGrain>(record.Id).RequestCancel(reason, request);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CompanyLog.CancelFailed(logger, e, companyId, record.Id);
        }
    }
}
