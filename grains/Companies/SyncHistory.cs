using Ledgerlink.Companies;
using Ledgerlink.DataTypes;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// What the company keeps of its syncs, over its state: the requested pull operations (newest first) and, per data
/// type, the latest and latest successful one and the committed dataset. Plain rules; the grain writes the state.
/// </summary>
public sealed class SyncHistory(CompanyState company, TimeProvider time)
{
    public IReadOnlyList<PullOperationRecord> Operations => company.Operations;

    public PullOperationRecord? Find(string operationId) => company.Operations.Find(o => o.Id == operationId);

    /// <summary>The latest operation of <paramref name="dataType"/> while it is queued or running.</summary>
    public PullOperationRecord? InProgress(string dataType) =>
        company.DataTypes.TryGetValue(dataType, out var status) && status.CurrentStatus.IsInProgress()
            ? Find(status.LatestPullOperationId!)
            : null;

    /// <summary>Records a newly requested operation as the latest of its data type.</summary>
    public void Add(PullOperationRecord record)
    {
        company.Operations.Insert(0, record);
        var status = company.DataType(record.DataType);
        status.LatestPullOperationId = record.Id;
        status.CurrentStatus = record.Status;
    }

    /// <summary>Drops the oldest finished operations beyond <paramref name="limit"/>; running ones always stay.</summary>
    public void Trim(int limit)
    {
        for (var i = company.Operations.Count - 1; i >= 0 && company.Operations.Count > limit; i--)
        {
            if (!company.Operations[i].Status.IsInProgress())
            {
                company.Operations.RemoveAt(i);
            }
        }
    }

    /// <summary>Applies an operation's news to its record and data status; true when it has just finished.</summary>
    public bool Apply(PullOperationRecord record, PullOperationInfo operation, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(operation);
        changed = false;
        var wasInProgress = record.Status.IsInProgress();

        // Notices can be repeated (retries); a late in-progress one must not reopen a finished operation.
        if (!wasInProgress && operation.Status.IsInProgress())
        {
            return false;
        }

        if (record.Status == operation.Status && record.RecordCount == operation.RecordCount && record.Completed == operation.Completed)
        {
            return false;
        }

        changed = true;
        record.Status = operation.Status;
        record.RecordCount = operation.RecordCount;
        record.Completed = operation.Completed;
        var status = company.DataType(record.DataType);
        if (status.LatestPullOperationId == record.Id)
        {
            status.CurrentStatus = operation.Status;
        }

        // A refused commit is a sync that completed for a generation that is gone: nothing readable came of it.
        if (operation.Status == PullOperationStatus.Complete && !record.CommitRefused)
        {
            var completed = operation.Completed ?? time.GetUtcNow();
            if (status.LastSuccessfulSync is null || status.LastSuccessfulSync <= completed)
            {
                status.LatestSuccessfulPullOperationId = record.Id;
                status.LastSuccessfulSync = completed;
            }

            company.LastSync = Later(company.LastSync, completed);
            if (company.Connections.Find(c => c.Id == record.ConnectionId) is { } connection)
            {
                connection.LastSync = Later(connection.LastSync, completed);
            }
        }

        return wasInProgress && !operation.Status.IsInProgress();
    }

    /// <summary>
    /// Moves the data type's pointer to <paramref name="dataset"/> when its operation is still running and the dataset is
    /// newer than the one readers see; true when it moved.
    /// </summary>
    public bool MovePointer(PullOperationRecord record, CommittedDataset dataset)
    {
        var status = company.DataType(record.DataType);
        var previous = status.Committed;
        if (record.CommitRefused || !record.Status.IsInProgress() || previous?.DatasetId == dataset.DatasetId
            || (previous is not null && previous.CommittedAt > dataset.CommittedAt))
        {
            return false;
        }

        status.Committed = dataset;
        record.RecordsModified = dataset.RecordCount > 0 || previous?.RecordCount > 0;
        return true;
    }

    /// <summary>The operations in progress as far as the company knows, of one data type or (null) all.</summary>
    public PullOperationRecord[] InProgressOf(string? dataType) =>
        company.Operations.Where(o => o.Status.IsInProgress() && (dataType is null || o.DataType == dataType)).ToArray();

    /// <summary>
    /// Refuses the commits of every running (Fetching) operation, at a reset or restore: what they read belongs to the
    /// generation being left. Queued ones are left to run afterwards, into the new generation.
    /// </summary>
    public PullOperationRecord[] RefuseRunningCommits()
    {
        var running = company.Operations.Where(o => o.Status == PullOperationStatus.Fetching).ToArray();
        foreach (var record in running)
        {
            record.CommitRefused = true;
        }

        return running;
    }

    /// <summary>The operations of <paramref name="record"/>'s refresh, oldest first, once none of them is in progress.</summary>
    public IReadOnlyList<PullOperationRecord>? FinishedRefresh(PullOperationRecord record)
    {
        var group = record.RefreshId is null
            ? [record]
            : company.Operations.Where(o => o.RefreshId == record.RefreshId).Reverse().ToArray();
        return group.Any(o => o.Status.IsInProgress()) ? null : group;
    }

    /// <summary>Codat's data status for each data type that has one.</summary>
    public IReadOnlyList<DataStatusInfo> Statuses()
    {
        var statuses = new List<DataStatusInfo>();
        foreach (var dataType in DataTypeNames.All)
        {
            if (company.DataTypes.TryGetValue(dataType, out var status))
            {
                statuses.Add(new DataStatusInfo(
                    dataType, status.CurrentStatus, status.LatestPullOperationId, status.LatestSuccessfulPullOperationId, status.LastSuccessfulSync,
                    company.DataGenerations.Current, status.Committed?.RecordCount, company.DataGenerations.LastReset));
            }
        }

        return statuses;
    }

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && value > candidate ? value : candidate;
}
