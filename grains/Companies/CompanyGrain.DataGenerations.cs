using Ledgerlink.Companies;
using Ledgerlink.Grains.Companies.Generations;
using Ledgerlink.Grains.Connectors;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Reminders;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// The company's data generations: reads of the current one, reset and restore (each a move of a few pointers, so
/// constant time whatever the size of the data), their audit log, and deletion of retired generations.
/// </summary>
/// <remarks>
/// A sync running at a reset or restore is cancelled in this grain's state first (so its commit can never land in the
/// new generation: see <see cref="CommitIsStale"/>), then the pull operation and the agent are told without waiting,
/// because the pull operation calls back into this grain. Queued syncs stay queued and commit into the new generation.
/// </remarks>
public sealed partial class CompanyGrain
{
    /// <summary>
    /// Each retired generation has its own reminder for its deletion, so one that is done is removed once and a name is
    /// never registered again after it was removed (generation numbers are never reused).
    /// </summary>
    private const string RetentionWakeUpPrefix = "retention-";

    // Resolved here rather than in the primary constructor, keeping this part of the grain self-contained.
    private IDatasetBlobStore DatasetStore => ServiceProvider.GetRequiredService<IDatasetBlobStore>();

    private DataGenerations Generations => new(State, Options.DataGenerations, Time);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!reminderName.StartsWith(RetentionWakeUpPrefix, StringComparison.Ordinal)
            || !long.TryParse(reminderName.AsSpan(RetentionWakeUpPrefix.Length), out var number))
        {
            return;
        }

        await DeleteExpiredGenerations();

        // Still retired: not due yet, or its deletion failed; the reminder's next tick tries again.
        if (!State.Exists || !Generations.IsRetired(number))
        {
            await WakeUpReminder.ClearAsync(this, reminderName);
        }
    }

    public Task<DataReadTarget?> GetReadTarget(string dataType) =>
        Task.FromResult(State.Exists ? Generations.ReadTarget(dataType) : null);

    public Task<DataGenerationInfo?> GetDataGenerations() =>
        Task.FromResult(State.Exists ? Generations.Info : null);

    public Task<IReadOnlyList<DataAuditEntry>> GetDataAudit() =>
        Task.FromResult(State.Exists ? Generations.AuditTrail : []);

    public async Task<DataChangeOutcome> ResetData(DataChangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (OwnerRefusal(request, "reset") is { } refusal)
        {
            return refusal;
        }

        var generations = Generations;
        if (generations.ResetRefusal is { } resetRefusal)
        {
            return Refuse(request, resetRefusal.Refusal, resetRefusal.Reason);
        }

        if (generations.RetiredByReset is { } retiring)
        {
            await ArmRetention(retiring);
        }

        var cancelled = CancelRunningSyncs();
        var entry = generations.Reset(request.Actor, cancelled.Count);
        await PersistentState.WriteStateAsync();

        CompanyLog.DataReset(Logger, CompanyId, entry.FromGeneration, entry.ToGeneration, entry.Datasets, cancelled.Count);
        await AfterDataChange(cancelled, "The company's data was reset.");
        return new DataChangeOutcome(entry, null, null, generations.Info);
    }

    public async Task<DataChangeOutcome> RestoreData(DataChangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (OwnerRefusal(request, "restore") is { } refusal)
        {
            return refusal;
        }

        var generations = Generations;
        if (generations.RestoreRefusal is { } restoreRefusal)
        {
            return Refuse(request, restoreRefusal.Refusal, restoreRefusal.Reason);
        }

        await ArmRetention(generations.RetiredByRestore!.Value);
        var cancelled = CancelRunningSyncs();
        var entry = generations.Restore(request.Actor, cancelled.Count);
        await PersistentState.WriteStateAsync();

        CompanyLog.DataRestored(Logger, CompanyId, entry.FromGeneration, entry.ToGeneration, entry.Datasets, cancelled.Count);
        await AfterDataChange(cancelled, "The company's data was restored.");
        return new DataChangeOutcome(entry, null, null, generations.Info);
    }

    /// <summary>
    /// A commit reported for an operation this grain already cancelled (a reset or restore raced the agent's completion)
    /// never becomes readable: the cancellation was decided first.
    /// </summary>
    private bool CommitIsStale(OperationRecord record, CommittedDataset dataset)
    {
        if (record.Status != PullOperationStatus.Cancelled)
        {
            return false;
        }

        CompanyLog.StaleCommitIgnored(Logger, CompanyId, record.Id, dataset.DatasetId);
        return true;
    }

    private DataChangeOutcome? OwnerRefusal(DataChangeRequest request, string action)
    {
        if (!State.Exists)
        {
            return new DataChangeOutcome(null, DataChangeRefusal.CompanyNotFound, $"Company {CompanyId} does not exist.", null);
        }

        var owner = State.Profile!.OwnerEmail;
        if (string.IsNullOrWhiteSpace(owner))
        {
            return Refuse(request, DataChangeRefusal.NoOwner,
                $"The company has no owner email, so nobody can confirm a {action}; set ownerEmail on the company first.");
        }

        if (!string.Equals(owner.Trim(), request.ConfirmationEmail?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(request, DataChangeRefusal.NotOwner,
                $"Only the company's owner may {action} its data: the confirmation email does not match the owner's email address.");
        }

        return OwnerIsVerified()
            ? null
            : Refuse(request, DataChangeRefusal.OwnerUnverified,
                $"The owner's email address {owner.Trim()} is not verified yet: the owner must confirm it from the email sent to it.");
    }

    private DataChangeOutcome Refuse(DataChangeRequest request, DataChangeRefusal refusal, string reason)
    {
        // Refusals change nothing, not even the audit log; they are logged for support.
        CompanyLog.DataChangeRefused(Logger, CompanyId, refusal, request.Actor);
        return new DataChangeOutcome(null, refusal, reason, State.Exists ? Generations.Info : null);
    }

    /// <summary>Marks every Fetching operation Cancelled in this grain's state; queued ones are left to run afterwards.</summary>
    private List<OperationRecord> CancelRunningSyncs()
    {
        var running = State.Operations.Where(o => o.Status == PullOperationStatus.Fetching).ToList();
        var now = Time.GetUtcNow();
        foreach (var record in running)
        {
            record.Status = PullOperationStatus.Cancelled;
            record.Completed = now;
            var status = State.DataType(record.DataType);
            if (status.LatestSyncId == record.Id)
            {
                status.CurrentStatus = PullOperationStatus.Cancelled;
            }

            CompanyLog.OperationChanged(Logger, CompanyId, record.Id, PullOperationStatus.Cancelled);
        }

        return running;
    }

    /// <summary>Tells the agent and the pull operations about the syncs cancelled, and plans the retired generations' deletion.</summary>
    private async Task AfterDataChange(IReadOnlyList<OperationRecord> cancelled, string reason)
    {
        foreach (var record in cancelled)
        {
            if (record.ConnectorId is { } connectorId)
            {
                await SendQuietly(connectorId, record, AgentCommands.CancelPull(CompanyId, record.Id, record.DataType, reason));
            }

            // Not awaited: the operation reports back to this grain, which must be free to take that call.
            _ = CancelOperationQuietly(record.Id, reason);
            PublishIfRefreshFinished(record);
        }
    }

    private async Task CancelOperationQuietly(string datasetId, string reason)
    {
        try
        {
            await GrainFactory.GetGrain<IPullOperationGrain>(datasetId).Cancel(reason);
        }
        catch (Exception e)
        {
            CompanyLog.CancelFailed(Logger, e, CompanyId, datasetId);
        }
    }

    /// <summary>
    /// Arms the reminder for a generation about to be retired, before the change is written: a generation recorded as
    /// retired then always has an alarm for its deletion, and a change whose alarm cannot be set (table storage down)
    /// fails before anything is changed. The retirement time is taken before the alarm is set, so it never fires early.
    /// </summary>
    private Task ArmRetention(long generationNumber) =>
        WakeUpReminder.SetAsync(this, RetentionWakeUpPrefix + generationNumber, Options.DataGenerations.RetiredRetention);

    private async Task DeleteExpiredGenerations()
    {
        if (!State.Exists)
        {
            return;
        }

        var generations = Generations;
        var deleted = 0;
        try
        {
            foreach (var generation in generations.Expired())
            {
                foreach (var data in generation.DataTypes.Values)
                {
                    if (data.Committed is { } dataset)
                    {
                        await DatasetStore.DeleteAsync(dataset.BlobName, CancellationToken.None);

                        // An incremental version's deltas; a generation starts empty, so no other generation shares them.
                        foreach (var delta in dataset.Deltas ?? [])
                        {
                            await DatasetStore.DeleteAsync(delta.BlobName, CancellationToken.None);
                        }
                    }
                }

                generations.Deleted(generation);
                deleted++;
                CompanyLog.GenerationDeleted(Logger, CompanyId, generation.Number, generation.DatasetCount);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What was deleted is recorded below; the rest is tried again at the next tick of its reminder.
            CompanyLog.GenerationDeletionFailed(Logger, e, CompanyId);
        }

        if (deleted > 0)
        {
            await PersistentState.WriteStateAsync();
        }
    }
}
