using System.Security.Cryptography;
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
/// One sync of one data type. Each accepted batch is staged as a block and then recorded in state; the block list
/// is committed only on completion, so a cancelled or failed operation never becomes visible to readers.
/// </summary>
/// <remarks>
/// A batch is staged before its state write: if the write is lost the agent resends the batch, and staging the same
/// block id again replaces the uncommitted block, so nothing is stored twice.
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
    /// <summary>Azure's limit on committed blocks per blob.</summary>
    public const int MaxBlocks = 50_000;

    private readonly LedgerlinkGrainOptions _options = options.Value;

    private string DatasetId => this.GetPrimaryKeyString();

    private PullOperationState State => state.State;

    public async Task<PullOperationInfo> Create(PullOperationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Exists)
        {
            // A retried create (the company's write failed after ours) is answered with what exists.
            return Info();
        }

        State.CompanyId = request.CompanyId;
        State.ConnectionId = request.ConnectionId;
        State.DataType = request.DataType;
        State.RefreshId = request.RefreshId;
        State.Requested = request.Requested;
        State.FullSync = request.FullSync;
        State.BlobName = store.BlobNameFor(request.CompanyId, request.DataType, DatasetId);
        await MoveTo(PullOperationStatus.Queued, description: null);
        return Info();
    }

    public Task<PullOperationInfo?> Get() => Task.FromResult(State.Exists ? Info() : null);

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
                await Company.OnPullOperationChanged(Info());
                return ResumePoint(continueSync: true, lease);

            case PullOperationStatus.Fetching when State.ConnectorId == connectorId:
                // A reconnecting agent resumes after the last acknowledged batch. Telling the company again is
                // harmless and repairs its view if the first notice was lost.
                await Company.OnPullOperationChanged(Info());
                return ResumePoint(continueSync: true, lease);

            case PullOperationStatus.Fetching:
                PullOperationLog.ResumeRefused(logger, DatasetId, connectorId, State.ConnectorId ?? "(none)");
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
        if (Refusal(connectorId, batch) is { } refusal)
        {
            PullOperationLog.BatchRefused(logger, DatasetId, batch.Sequence, connectorId, refusal.Reason!);
            return refusal;
        }

        if (batch.Sequence < State.NextSequence)
        {
            PullOperationLog.DuplicateBatch(logger, DatasetId, batch.Sequence);
            return Ack(accepted: true, reason: $"batch {batch.Sequence} was already stored");
        }

        var started = time.GetTimestamp();
        await store.StageBlockAsync(State.BlobName, batch.Sequence, batch.Payload, cancellationToken);
        State.Blocks.Add(new StagedBlock(State.BytesStored, batch.Payload.Length, batch.RecordCount, Convert.ToHexStringLower(batch.Sha256)));
        State.BytesStored += batch.Payload.Length;
        State.RecordsStored += batch.RecordCount;
        await state.WriteStateAsync(cancellationToken);
        PullOperationLog.BatchStored(logger, DatasetId, batch.Sequence, batch.RecordCount, batch.Payload.Length, State.RecordsStored);
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

    public async Task<PullOperationInfo> Complete(PullLease lease, long expectedRecordCount, CancellationToken cancellationToken = default)
    {
        var connectorId = Holder(lease);
        EnsureExists();
        if (State.Status == PullOperationStatus.Complete && State.Committed is { } committed)
        {
            // A retried completion: make sure the company and connector heard about it.
            await AnnounceCommitted(committed);
            return Info();
        }

        if (State.Status != PullOperationStatus.Fetching)
        {
            return Info();
        }

        EnsureRunBy(connectorId);
        if (expectedRecordCount != State.RecordsStored)
        {
            PullOperationLog.CompletionRefused(logger, DatasetId, expectedRecordCount, State.RecordsStored);
            return Info() with
            {
                StatusDescription =
                    $"Completion refused: the agent counted {expectedRecordCount} records but {State.RecordsStored} are " +
                    $"stored (next batch expected: {State.NextSequence}).",
            };
        }

        await store.CommitBlocksAsync(State.BlobName, State.NextSequence, cancellationToken);
        var now = time.GetUtcNow();
        var dataset = new CommittedDataset(
            DatasetId,
            State.DataType,
            State.BlobName,
            State.RecordsStored,
            State.Blocks.Select(b => new DatasetBlock(b.Offset, b.Length, b.RecordCount)).ToArray(),
            now);
        State.Committed = dataset;
        State.Completed = now;
        State.Progress = 100;
        await MoveTo(PullOperationStatus.Complete, description: null);
        await AnnounceCommitted(dataset);
        return Info();
    }

    public async Task<PullOperationInfo> CompleteWith(PullLease lease, PullCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var connectorId = Holder(lease);
        EnsureExists();
        if (State.Status == PullOperationStatus.Complete && State.Committed is { } committed)
        {
            await AnnounceCommitted(committed);
            return Info();
        }

        if (State.Status != PullOperationStatus.Fetching)
        {
            return Info();
        }

        EnsureRunBy(connectorId);
        if (completion.RecordCount != State.RecordsStored)
        {
            PullOperationLog.CompletionRefused(logger, DatasetId, completion.RecordCount, State.RecordsStored);
            return Info() with
            {
                StatusDescription =
                    $"Completion refused: the agent counted {completion.RecordCount} records but {State.RecordsStored} are " +
                    $"stored (next batch expected: {State.NextSequence}).",
            };
        }

        CommittedDataset? current = null;
        if (completion.IsDelta)
        {
            // A delta is only right on top of the exact version it was computed against; anything else would commit a
            // wrong base silently, so the sync fails and the next one starts from what is committed now.
            current = await Company.GetSyncBase(State.DataType);
            if (State.Base?.DatasetId != completion.BaseDatasetId || current?.DatasetId != completion.BaseDatasetId)
            {
                State.ErrorMessage =
                    $"The delta was computed on dataset {completion.BaseDatasetId}, but the committed dataset is now " +
                    $"{current?.DatasetId ?? "none"}; queue the data type again.";
                State.Completed = time.GetUtcNow();
                await MoveTo(PullOperationStatus.FetchError, description: null);
                await Company.OnPullOperationChanged(Info());
                await GrainFactory.GetGrain<IConnectorGrain>(connectorId).DatasetFinished(DatasetId);
                return Info();
            }
        }

        await store.CommitBlocksAsync(State.BlobName, State.NextSequence, cancellationToken);
        var now = time.GetUtcNow();
        var blocks = State.Blocks.Select(b => new DatasetBlock(b.Offset, b.Length, b.RecordCount)).ToArray();
        var dataset = current is not null
            ? SyncBasePolicy.Apply(current, DatasetId, State.BlobName, blocks, State.RecordsStored, completion, now)
            : new CommittedDataset(DatasetId, State.DataType, State.BlobName, State.RecordsStored, blocks, now,
                Watermark: completion.Watermark, LiveRecordCount: State.RecordsStored);
        State.Committed = dataset;
        State.Completed = now;
        State.Progress = 100;
        var description = completion.IsDelta
            ? $"Incremental sync on dataset {completion.BaseDatasetId}: {State.RecordsStored - completion.Removed} records changed " +
              $"({completion.Added} new), {completion.Removed} removed."
            : $"Full sync: {completion.FullSyncReason ?? State.ClusterFullSyncReason ?? "no committed version to build on"}.";
        await MoveTo(PullOperationStatus.Complete, description);
        await AnnounceCommitted(dataset);
        return Info();
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
                await Company.OnPullOperationChanged(Info());
            }

            return Info();
        }

        if (State.Status == PullOperationStatus.Fetching)
        {
            EnsureRunBy(connectorId);
        }

        // An agent may fail an operation it never started (the Sage 50 data could not be opened at all).
        State.ConnectorId ??= connectorId;
        State.ErrorMessage = errorMessage;
        State.Completed = time.GetUtcNow();
        await MoveTo(status, description: null);
        await Company.OnPullOperationChanged(Info());
        await GrainFactory.GetGrain<IConnectorGrain>(connectorId).DatasetFinished(DatasetId);
        return Info();
    }

    public async Task<PullOperationInfo> Cancel(string reason)
    {
        EnsureExists();
        if (State.Status == PullOperationStatus.Cancelled)
        {
            await Company.OnPullOperationChanged(Info());
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
        await Company.OnPullOperationChanged(Info());
        return Info();
    }

    private ICompanyGrain Company => GrainFactory.GetGrain<ICompanyGrain>(State.CompanyId!);

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

    private BatchAck? Refusal(string connectorId, DatasetBatch batch)
    {
        if (!State.Exists)
        {
            return new BatchAck(false, 0, 0, ContinueSync: false, $"pull operation {DatasetId} does not exist");
        }

        if (State.Status == PullOperationStatus.Queued)
        {
            return Ack(accepted: false, reason: "the pull operation has not been started; call StartPull first");
        }

        if (State.Status != PullOperationStatus.Fetching)
        {
            return Ack(accepted: false, reason: $"the pull operation is {State.Status}");
        }

        if (State.ConnectorId != connectorId)
        {
            return Ack(accepted: false, reason: "the pull operation was started by another connector");
        }

        if (batch.Sequence < 0)
        {
            return Ack(accepted: false, reason: "sequence must not be negative");
        }

        if (batch.Sequence < State.NextSequence)
        {
            var stored = State.Blocks[checked((int)batch.Sequence)];
            var sameContent = batch.Sha256 is { Length: SHA256.HashSizeInBytes }
                              && string.Equals(stored.Sha256, Convert.ToHexStringLower(batch.Sha256), StringComparison.Ordinal);
            return sameContent
                ? null
                : Ack(accepted: false, reason: $"batch {batch.Sequence} was already stored with different content");
        }

        if (batch.Sequence > State.NextSequence)
        {
            return Ack(accepted: false, reason: $"out of order: expected batch {State.NextSequence}, got {batch.Sequence}");
        }

        if (batch.Sequence >= MaxBlocks)
        {
            return Ack(accepted: false, reason: $"a dataset holds at most {MaxBlocks} batches; send larger batches");
        }

        if (batch.Payload is null || batch.Payload.Length > _options.MaxBatchBytes)
        {
            return Ack(accepted: false, reason: $"payload is larger than {_options.MaxBatchBytes} bytes");
        }

        if (batch.RecordCount < 0)
        {
            return Ack(accepted: false, reason: "record count must not be negative");
        }

        if (batch.Sha256 is not { Length: SHA256.HashSizeInBytes }
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(batch.Payload), batch.Sha256))
        {
            return Ack(accepted: false, reason: "SHA-256 of the payload does not match the batch's hash");
        }

        return GzipBatchInspector.FindProblem(batch.Payload, batch.RecordCount, _options.MaxBatchUncompressedBytes) is { } problem
            ? Ack(accepted: false, reason: problem)
            : null;
    }

    private async Task TellFinished(string connectorId)
    {
        if (State.Status == PullOperationStatus.Complete && State.Committed is { } committed)
        {
            await Company.OnDatasetCommitted(Info(), committed);
        }
        else
        {
            await Company.OnPullOperationChanged(Info());
        }

        await GrainFactory.GetGrain<IConnectorGrain>(connectorId).DatasetFinished(DatasetId);
    }

    private async Task AnnounceCommitted(CommittedDataset dataset)
    {
        await Company.OnDatasetCommitted(Info(), dataset);
        if (State.ConnectorId is { } connectorId)
        {
            await GrainFactory.GetGrain<IConnectorGrain>(connectorId).DatasetFinished(DatasetId);
        }
    }

    private async Task MoveTo(PullOperationStatus status, string? description)
    {
        var old = State.Status;
        State.Status = status;
        State.StatusDescription = description;
        await state.WriteStateAsync();
        PullOperationLog.StatusChanged(logger, DatasetId, State.DataType, State.CompanyId!, old, status);
        metrics.Moved(State.DataType, status);
        CountIfQueued();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        CountIfQueued();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        queued.NotWaiting(DatasetId);
        return Task.CompletedTask;
    }

    private void CountIfQueued()
    {
        if (State.Exists && State.Status == PullOperationStatus.Queued)
        {
            queued.Waiting(DatasetId, State.Requested);
        }
        else
        {
            queued.NotWaiting(DatasetId);
        }
    }

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw new InvalidOperationException($"Pull operation {DatasetId} does not exist.");
        }
    }

    /// <summary>The connector a valid lease for this dataset names; anything else is refused.</summary>
    private string Holder(PullLease lease)
    {
        if (!leases.IsValidFor(lease, DatasetId))
        {
            PullOperationLog.LeaseRefused(logger, DatasetId);
            throw new AgentAccessDeniedException($"The pull lease for {DatasetId} was refused; start the pull again.");
        }

        return lease.ConnectorId;
    }

    private void EnsureRunBy(string connectorId)
    {
        if (State.ConnectorId != connectorId)
        {
            throw new AgentAccessDeniedException($"Pull operation {DatasetId} was started by another connector.");
        }
    }

    private bool ContinueSync => State.Status is PullOperationStatus.Queued or PullOperationStatus.Fetching;

    private BatchAck Ack(bool accepted, string? reason) =>
        new(accepted, State.NextSequence, State.RecordsStored, ContinueSync, reason);

    private PullResumePoint ResumePoint(bool continueSync, PullLease lease) =>
        new(DatasetId, State.CompanyId!, State.DataType, State.NextSequence, State.RecordsStored, continueSync, lease,
            State.Base, State.ClusterFullSyncReason);

    private PullOperationInfo Info() => new(
        DatasetId,
        State.CompanyId!,
        State.ConnectionId,
        State.DataType,
        State.Status,
        State.StatusDescription,
        State.ErrorMessage,
        State.Requested,
        State.Completed,
        State.Progress,
        State.RecordsStored,
        State.RefreshId);
}
