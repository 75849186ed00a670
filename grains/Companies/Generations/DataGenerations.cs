using Ledgerlink.Companies;

namespace Ledgerlink.Grains.Companies.Generations;

/// <summary>
/// The rules of a company's data generations over its state: reads of the current one, reset and restore (each a move
/// of a few pointers, so constant time whatever the size of the data), the retention of retired generations and the
/// audit log. Plain code with no storage or Orleans behind it: the grain writes the state and deletes the blobs.
/// </summary>
/// <remarks>
/// Built over the state object at hand for each use (an Orleans state object is replaced when it is cleared), so it
/// holds nothing of its own.
/// </remarks>
public sealed class DataGenerations(CompanyState company, DataGenerationOptions options, TimeProvider time)
{
    /// <summary>Who the audit log names for deletions nobody asked for.</summary>
    public const string RetentionActor = "retention";

    private DataGenerationState Generations => company.DataGenerations;

    public DataGenerationInfo Info => Generations.ToInfo();

    /// <summary>Resets, restores and deletions, newest first.</summary>
    public IReadOnlyList<DataAuditEntry> AuditTrail => Generations.Audit.ToArray();

    /// <summary>The generation a reset would retire (the current restore point), which needs its deletion alarm first.</summary>
    public long? RetiredByReset => Generations.Restorable?.Number;

    /// <summary>The generation a restore would retire (the current one), or null when there is nothing to restore.</summary>
    public long? RetiredByRestore => Generations.Restorable is null ? null : Generations.Current;

    /// <summary>Why a reset is refused now, or null when it may go ahead (the owner's part is checked elsewhere).</summary>
    public (DataChangeRefusal Refusal, string Reason)? ResetRefusal => company.Profile?.BankFeedsConnected == true
        ? (DataChangeRefusal.BankFeedsConnected,
            "The company's data cannot be reset while bank feeds are connected; disconnect them (bankFeedsConnected: false) first.")
        : null;

    /// <summary>Why a restore is refused now, or null when there is a generation to go back to.</summary>
    public (DataChangeRefusal Refusal, string Reason)? RestoreRefusal => Generations.Restorable is not null
        ? null
        : (DataChangeRefusal.NothingToRestore, Generations.LastReset is null
            ? "There is nothing to restore: the company's data has never been reset."
            : "There is nothing to restore: the last reset has already been restored.");

    /// <summary>What readers of <paramref name="dataType"/> see now.</summary>
    public DataReadTarget ReadTarget(string dataType)
    {
        var committed = company.DataTypes.TryGetValue(dataType, out var status) ? status.Committed : null;

        // Generation 0 is the company's first: an empty data type there was never synced. Any later generation was
        // opened by a reset, which is an explicit "the data is empty now".
        return new DataReadTarget(dataType, Generations.Current, committed, NeverSynced: committed is null && Generations.Current == 0);
    }

    /// <summary>
    /// Moves the company to a new, empty generation; the current one becomes the restore point and the previous restore
    /// point is retired. <paramref name="cancelledSyncs"/> is only recorded. <paramref name="at"/> is taken before the
    /// retired generation's deletion alarm is set, so the alarm never fires before the retention period has passed.
    /// </summary>
    public DataAuditEntry Reset(string actor, int cancelledSyncs, DateTimeOffset at)
    {
        if (ResetRefusal is { } refusal)
        {
            throw new InvalidOperationException(refusal.Reason);
        }

        var now = at;
        var previous = TakeCurrentGeneration();
        if (Generations.Restorable is { } older)
        {
            // Only the generation just before the last reset can be restored; the one before that is done with.
            older.RetiredAt = now;
            Generations.Retired.Add(older);
        }

        Generations.Restorable = previous;
        Generations.Highest = Math.Max(Generations.Highest, Generations.Current) + 1;
        Generations.Current = Generations.Highest;
        Generations.LastReset = now;
        return Audit(DataAuditAction.Reset, actor, previous.Number, Generations.Current, previous, cancelledSyncs,
            $"Reset confirmed by the owner; generation {previous.Number} kept for restore.");
    }

    /// <summary>Moves the company back to its restore point; the generation it leaves is retired (at <paramref name="at"/>, as for a reset).</summary>
    public DataAuditEntry Restore(string actor, int cancelledSyncs, DateTimeOffset at)
    {
        if (Generations.Restorable is not { } target)
        {
            throw new InvalidOperationException(RestoreRefusal!.Value.Reason);
        }

        var now = at;
        var leaving = TakeCurrentGeneration();
        leaving.RetiredAt = now;
        Generations.Retired.Add(leaving);
        foreach (var (dataType, data) in target.DataTypes)
        {
            var status = company.DataType(dataType);
            status.Committed = data.Committed;
            status.LatestSuccessfulPullOperationId = data.LatestSuccessfulPullOperationId;
            status.LastSuccessfulSync = data.LastSuccessfulSync;
        }

        Generations.Restorable = null;
        Generations.Current = target.Number;
        Generations.LastRestore = now;
        return Audit(DataAuditAction.Restore, actor, leaving.Number, target.Number, target, cancelledSyncs,
            $"Restore confirmed by the owner; generation {leaving.Number} (synced after the reset) retired.");
    }

    /// <summary>Whether <paramref name="number"/> is retired and so still waits for its deletion.</summary>
    public bool IsRetired(long number) => Generations.Retired.Any(g => g.Number == number);

    /// <summary>Retired generations whose retention period has passed: their blobs may be deleted now.</summary>
    public IReadOnlyList<GenerationSnapshot> Expired()
    {
        var cutoff = time.GetUtcNow() - options.RetiredRetention;
        return Generations.Retired.Where(g => g.RetiredAt is { } at && at <= cutoff).ToList();
    }

    /// <summary>Records that an expired generation's blobs are deleted: it is forgotten and the audit log says so.</summary>
    public DataAuditEntry Deleted(GenerationSnapshot generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        if (!Generations.Retired.Remove(generation))
        {
            throw new InvalidOperationException($"Generation {generation.Number} is not retired.");
        }

        return Audit(DataAuditAction.GenerationDeleted, RetentionActor, generation.Number, Generations.Current, generation, 0,
            $"Generation {generation.Number} deleted after the retention period of {options.RetiredRetention}.");
    }

    /// <summary>Moves the current generation's pointers out of the data types into a snapshot, leaving them empty.</summary>
    private GenerationSnapshot TakeCurrentGeneration()
    {
        var snapshot = new GenerationSnapshot { Number = Generations.Current };
        foreach (var (dataType, status) in company.DataTypes)
        {
            if (status.Committed is not null || status.LatestSuccessfulPullOperationId is not null)
            {
                snapshot.DataTypes[dataType] = new GenerationData(status.Committed, status.LatestSuccessfulPullOperationId, status.LastSuccessfulSync);
            }

            status.Committed = null;
            status.LatestSuccessfulPullOperationId = null;
            status.LastSuccessfulSync = null;
        }

        return snapshot;
    }

    private DataAuditEntry Audit(
        DataAuditAction action, string actor, long from, long to, GenerationSnapshot concerned, int cancelledSyncs, string detail)
    {
        var entry = new DataAuditEntry(
            Guid.NewGuid().ToString(), time.GetUtcNow(), action, actor, from, to,
            concerned.DatasetCount, concerned.RecordCount, cancelledSyncs, detail);
        Generations.Audit.Insert(0, entry);
        var limit = Math.Max(1, options.AuditLimit);
        if (Generations.Audit.Count > limit)
        {
            Generations.Audit.RemoveRange(limit, Generations.Audit.Count - limit);
        }

        return entry;
    }
}
