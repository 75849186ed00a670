using Ledgerlink.Agents;
using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Datasets.Deltas;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Grains.Security;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>
/// One sync of one data type. Each accepted batch is staged as a block and recorded in state; the block list is
/// committed only on completion, so a cancelled or failed operation never becomes visible to readers.
/// </summary>
/// <remarks>
/// A batch is staged before any state write that records it: if the write is lost the agent resends the batch, and
/// staging the same block id again replaces the uncommitted block, so nothing is stored twice. The state (the resume
/// point) is written after the first batch, then every <see cref="ProgressWriteBatches"/> batches or
/// <see cref="ProgressWriteInterval"/>, and when the activation ends: one write per batch was half of a sync's storage
/// requests. A silo lost in between costs the agent those few batches, which it reads and sends again from the
/// written resume point; the committed dataset is the same.
/// </remarks>
public sealed class PullOperationGrain(
    [PersistentState("pullOperation")] IPersistentState<PullOperationState> state,
    IDatasetBlobStore store,
    PullLeases leases,
    PullOperationMetrics metrics,
    QueuedPulls queued,
    IOptions<LedgerlinkGrainOptions> options,
    TimeProvider time,
    ILogger<PullOperationGrain> logger) : Grain, IPullOperationGrain
{
    private readonly LedgerlinkGrainOptions _options = options.Value;

    // What the state said at its last successful write: an interleaved GetNews never reports what storage may not have.
    private PullOperationNews? _written;

    private const int ProgressWriteBatches = 8;
    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(2);

    private IngestedIdIndex? _ingested;
    private int _unwrittenBatches;
    private long? _lastWrite;

    private string PullOperationId => this.GetPrimaryKeyString();

    private PullOperationState State => state.State;

    public Task<PullOperationInfo> EnsureCreated(PullOperationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!State.Exists)
        {
            // Queued, in memory only: the company's record is the durable copy until the first move writes this state.
            // GetNews stays null (nothing written), so the company keeps its own record.
            State.Begin(request, store.BlobNameFor(request.CompanyId, request.DataType, PullOperationId));
            State.Status = PullOperationStatus.Queued;
        }

        return Task.FromResult(Info());
    }

    public Task<PullOperationInfo?> Get() => Task.FromResult(State.Exists ? Info() : null);

    public Task<PullOperationNews?> GetNews() => Task.FromResult(_written);

    public async Task RequestCancel(string reason, PullOperationRequest? request = null)
    {
        if (request is not null)
        {
            await EnsureCreated(request);
        }

        if (State.Exists)
        {
            await Cancel(reason);
        }
    }

    public async Task<PullResumePoint> Start(PullLease lease)
    {
        var connectorId = Holder(lease);
        EnsureExists();
        switch (State.Status)
        {
            case PullOperationStatus.Queued:
                State.ConnectorId = connectorId;
                State.Started = time.GetUtcNow();
                await DecideBase();
                await MoveTo(PullOperationStatus.Fetching, description: null);
                await TellCompany();
                return ResumePoint(continueSync: true, lease);

            case PullOperationStatus.Fetching when State.ConnectorId == connectorId:
                // A reconnecting agent resumes after the last acknowledged batch. Telling the company again is
                // harmless and repairs its view if the first notice was lost.
                await TellCompany();
                return ResumePoint(continueSync: true, lease);

            case PullOperationStatus.Fetching:
                PullOperationLog.ResumeRefused(logger, PullOperationId, connectorId, State.ConnectorId ?? "(none)");
                return ResumePoint(continueSync: false, lease);

            default:
                // Finished already: the command that led here is stale, so it leaves the outbox. The company hears the
                // outcome again first: if its own write of that outcome was lost (storage failed), this repairs its view
                // before the command that would bring the agent back here is gone.
                await TellFinished(connectorId);
                return ResumePoint(continueSync: false, lease);
        }
    }

    public async Task<BatchAck> AppendBatch(PullLease lease, DatasetBatch batch, CancellationToken cancellationToken = default)
    {
        var connectorId = Holder(lease);
        ArgumentNullException.ThrowIfNull(batch);
        var ingested = _ingested ??= new IngestedIdIndex(State.NextSequence);
        ingested.Records.ResetWrittenCount();
        if (BatchChecks.Refusal(State, PullOperationId, connectorId, batch, _options, ingested.Records) is { } refusal)
        {
            PullOperationLog.BatchRefused(logger, PullOperationId, batch.Sequence, connectorId, refusal.Reason!);
            return refusal;
        }

        if (batch.Sequence < State.NextSequence)
        {
            PullOperationLog.DuplicateBatch(logger, PullOperationId, batch.Sequence);
            return Ack(accepted: true, reason: $"batch {batch.Sequence} was already stored");
        }

        var started = time.GetTimestamp();
        await store.StageBlockAsync(State.BlobName, batch.Sequence, batch.Payload, cancellationToken);
        State.Blocks.Add(new StagedBlock(State.BytesStored, batch.Payload.Length, batch.RecordCount, Convert.ToHexStringLower(batch.Sha256)));
        State.BytesStored += batch.Payload.Length;
        State.RecordsStored += batch.RecordCount;
        ingested.Stored(batch.Sequence);
        if (++_unwrittenBatches >= ProgressWriteBatches || State.Blocks.Count == 1 || _lastWrite is not { } last
            || time.GetElapsedTime(last) >= ProgressWriteInterval)
        {
            await WriteState(cancellationToken);
        }

        PullOperationLog.BatchStored(logger, PullOperationId, batch.Sequence, batch.RecordCount, batch.Payload.Length, State.RecordsStored);
        metrics.BatchStored(State.DataType, batch.RecordCount, batch.Payload.Length, time.GetElapsedTime(started));
        return Ack(accepted: true, reason: null);
    }

    public Task ReportProgress(PullLease lease, int percent)
    {
        var connectorId = Holder(lease);
        EnsureExists();
        if (State.Status != PullOperationStatus.Fetching)
        {
            return Task.CompletedTask;
        }

        EnsureRunBy(connectorId);

        // Kept in memory and saved with the next batch: progress is not worth a storage write of its own.
        State.Progress = Math.Clamp(percent, 0, 99);
        return Task.CompletedTask;
    }

    public Task<PullOperationInfo> Complete(PullLease lease, long expectedRecordCount, CancellationToken cancellationToken = default) =>
        Finish(lease, expectedRecordCount, completion: null, cancellationToken);

    public Task<PullOperationInfo> CompleteWith(PullLease lease, PullCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return Finish(lease, completion.RecordCount, completion, cancellationToken);
    }

    public async Task<PullOperationInfo> Fail(PullLease lease, PullOperationStatus status, string errorMessage)
    {
        var connectorId = Holder(lease);
        if (!status.IsErrored())
        {
            throw new ArgumentException($"{status} is not an error status.", nameof(status));
        }

        EnsureExists();
        if (!State.Status.IsInProgress())
        {
            if (State.Status.IsErrored())
            {
                await TellCompany();
            }

            return Info();
        }

        if (State.Status == PullOperationStatus.Fetching)
        {
            EnsureRunBy(connectorId);
        }

        // An agent may fail an operation it never started (the Sage 50 data could not be opened at all).
        State.ConnectorId ??= connectorId;
        await FailWith(status, errorMessage, connectorId);
        return Info();
    }

    public async Task<PullOperationInfo> Cancel(string reason)
    {
        EnsureExists();
        if (State.Status == PullOperationStatus.Cancelled)
        {
            await TellCompany();
            return Info();
        }

        if (!State.Status.IsInProgress())
        {
            return Info();
        }

        // The staged blocks are left uncommitted; storage discards uncommitted blocks by itself.
        State.Completed = time.GetUtcNow();
        await MoveTo(PullOperationStatus.Cancelled, reason);

        // The company sent the StartPull, so it is the one that sends the CancelPull to that connector.
        await TellCompany();
        return Info();
    }

    /// <summary>Commits the staged blocks as a full sync, or as a delta on the committed dataset; null: a plain completion.</summary>
    private async Task<PullOperationInfo> Finish(PullLease lease, long agentCount, PullCompletion? completion, CancellationToken cancellationToken)
    {
        var connectorId = Holder(lease);
        EnsureExists();
        if (State.Status == PullOperationStatus.Complete && State.Committed is not null)
        {
            // A retried completion: make sure the company and connector heard about it.
            await TellFinished(State.ConnectorId);
            return Info();
        }

        if (State.Status != PullOperationStatus.Fetching)
        {
            return Info();
        }

        EnsureRunBy(connectorId);
        if (agentCount != State.RecordsStored)
        {
            PullOperationLog.CompletionRefused(logger, PullOperationId, agentCount, State.RecordsStored);
            return State.CountMismatch(PullOperationId, agentCount);
        }

        var current = await Company.GetSyncBase(State.DataType);
        var isDelta = completion is { IsDelta: true };
        if (isDelta && PullCompletions.DeltaRefusal(State, completion!, current) is { } refusal)
        {
            // A delta on anything but its base fails, and the next sync starts from what is committed now.
            await FailWith(PullOperationStatus.FetchError, refusal, connectorId);
            return Info();
        }

        await store.CommitBlocksAsync(State.BlobName, State.NextSequence, _ingested?.Covering(State.NextSequence), cancellationToken);
        _ingested = null;
        var now = time.GetUtcNow();
        CommittedDataset dataset;
        if (isDelta)
        {
            // Only records the agent counts as added can be records readers already see: none added, nothing to read.
            var readded = completion!.Added > 0
                ? await ReaddedRecords.CountAsync(store, current!, PullCompletions.Staged(State, PullOperationId, now), cancellationToken)
                : 0;
            dataset = PullCompletions.Dataset(State, PullOperationId, completion, current, now, readded);
        }
        else
        {
            // A full sync reads only what Sage has now: what the previous version showed beyond that stays readable as
            // deleted for a while. Written before the state write below, which is the commit.
            var removals = current is null ? null : await RetainedRemovals.WriteAsync(
                store, current, State.BlobName, PullOperationId, now, _options.IncrementalSync.RemovedRecordRetention, cancellationToken);
            dataset = RetainedRemovals.Attach(PullCompletions.Dataset(State, PullOperationId, completion, current: null, now), removals);
        }

        State.Committed = dataset;
        State.Completed = now;
        State.Progress = 100;
        await MoveTo(PullOperationStatus.Complete, PullCompletions.Description(State, completion));
        await TellFinished(State.ConnectorId);
        return Info();
    }

    private ICompanyGrain Company => GrainFactory.GetGrain<ICompanyGrain>(State.CompanyId!);

    /// <summary>The company hears what this grain has written: its status, and its dataset once committed.</summary>
    private Task TellCompany() => GrainFactory.GetGrain<IPullOperationNotices>(State.CompanyId!).PullOperationMoved(News());

    private PullOperationNews News() => new(Info(), State.Status == PullOperationStatus.Complete ? State.Committed : null);

    /// <summary>Once, when the pull first starts: the base a delta may build on, or why the sync must be full.</summary>
    private async Task DecideBase()
    {
        if (State.BaseDecided)
        {
            return;
        }

        var committed = await Company.GetSyncBase(State.DataType);
        (State.Base, State.ClusterFullSyncReason) =
            SyncBasePolicy.Decide(committed, State.FullSync, _options.IncrementalSync, time.GetUtcNow());
        State.BaseDecided = true;
    }

    /// <summary>The company hears the outcome, then the connector's command for this dataset leaves its outbox.</summary>
    private async Task TellFinished(string? connectorId)
    {
        await TellCompany();
        if (connectorId is not null)
        {
            await GrainFactory.GetGrain<IConnectorGrain>(connectorId).PullOperationFinished(PullOperationId);
        }
    }

    /// <summary>Ends the operation in an error status, which commits nothing.</summary>
    private async Task FailWith(PullOperationStatus status, string errorMessage, string connectorId)
    {
        State.ErrorMessage = errorMessage;
        State.Completed = time.GetUtcNow();
        await MoveTo(status, description: null);
        await TellFinished(connectorId);
    }

    private async Task MoveTo(PullOperationStatus status, string? description)
    {
        var old = State.Status;
        State.Status = status;
        State.StatusDescription = description;
        await WriteState(CancellationToken.None);
        PullOperationLog.StatusChanged(logger, PullOperationId, State.DataType, State.CompanyId!, old, status);
        metrics.Moved(State.DataType, status);

        // Its company counted it as waiting while it was Queued; it no longer is.
        queued.NotWaiting(PullOperationId);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _written = State.Exists ? News() : null;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unwrittenBatches == 0 || State.Status != PullOperationStatus.Fetching)
        {
            return;
        }

        try
        {
            await WriteState(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage is away (or the silo is going): the agent resends from the resume point last written.
            PullOperationLog.ProgressNotWritten(logger, e, PullOperationId, _unwrittenBatches);
        }
    }

    private async Task WriteState(CancellationToken cancellationToken)
    {
        await state.WriteStateAsync(cancellationToken);
        _written = News();
        _unwrittenBatches = 0;
        _lastWrite = time.GetTimestamp();
    }

    private void EnsureExists() => PullAccess.EnsureExists(State, PullOperationId);

    private string Holder(PullLease lease) => PullAccess.Holder(leases, lease, PullOperationId, logger);

    private void EnsureRunBy(string connectorId) => PullAccess.EnsureRunBy(State, PullOperationId, connectorId);

    private BatchAck Ack(bool accepted, string? reason) => State.Ack(accepted, reason);

    private PullResumePoint ResumePoint(bool continueSync, PullLease lease) => State.ResumePoint(PullOperationId, continueSync, lease);

    private PullOperationInfo Info() => State.ToInfo(PullOperationId);
}
