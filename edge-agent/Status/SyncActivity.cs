using System.Collections.Concurrent;
using System.Text.Json;
using Ledgerlink.EdgeAgent.LocalFiles;
using Ledgerlink.EdgeAgent.Sync;

namespace Ledgerlink.EdgeAgent.Status;

/// <summary>
/// The sync status the agent can see of each linked company: which data types it is sending now and how far each has
/// got, how the last run ended, the last failure and its reason, and when the last one completed. The last successful
/// sync is kept in <c>sync-status.json</c> in the data folder, so it survives a restart; the rest is this process's
/// own view.
/// </summary>
public sealed class SyncActivity(string dataFolder)
{
    private readonly ConcurrentDictionary<string, RunningPull> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CompanyActivity> _companies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SyncFailure> _failures = new(StringComparer.Ordinal);
    private readonly Lock _fileGate = new();
    private Dictionary<string, DateTimeOffset>? _lastSuccess;

    public string FilePath { get; } = Path.Combine(dataFolder, "sync-status.json");

    public void Started(string companyId, string pullOperationId, string? dataType) => _running[pullOperationId] = new RunningPull(companyId, dataType, 0, 0, false, null);

    /// <summary>
    /// How far a running pull has got: records the cluster has stored (a resumed pull starts from what it had) of the
    /// data type's record count; <paramref name="changesOnly"/> for a delta, which sends only the changed records.
    /// </summary>
    public void Progressed(string pullOperationId, long recordsSent, long recordCount, bool changesOnly) =>
        Update(pullOperationId, r => r with { RecordsSent = recordsSent, RecordCount = recordCount, ChangesOnly = changesOnly });

    /// <summary>Why a running pull failed, in the words of the exception the agent caught (Sage's, or the cluster's refusal).</summary>
    public void Failed(string pullOperationId, string reason) => Update(pullOperationId, r => r with { Problem = reason });

    public void Finished(string companyId, string pullOperationId, string? dataType, PullOutcome outcome)
    {
        _running.TryRemove(pullOperationId, out var run);
        var now = DateTimeOffset.UtcNow;
        _companies.AddOrUpdate(companyId, _ => new CompanyActivity(outcome, dataType, now), (_, _) => new CompanyActivity(outcome, dataType, now));
        if (outcome == PullOutcome.Failed)
        {
            var failure = new SyncFailure(dataType, run?.Problem ?? "the agent stopped the sync on an unexpected error (see its log)", now);
            _failures.AddOrUpdate(companyId, failure, (_, _) => failure);
        }
        else if (outcome == PullOutcome.Completed && _failures.TryGetValue(companyId, out var last) && last.DataType == dataType)
        {
            // The data type that failed synced since: the failure is history, not a problem to show.
            _failures.TryRemove(new KeyValuePair<string, SyncFailure>(companyId, last));
        }

        if (outcome == PullOutcome.Completed)
        {
            lock (_fileGate)
            {
                var all = LastSuccesses();
                all[companyId] = now;
                PrivateFile.Write(FilePath, JsonSerializer.Serialize(all));
            }
        }
    }

    /// <summary>Syncs of every company being sent now (an update waits for them).</summary>
    public int RunningCount => _running.Count;

    /// <summary>The data types of <paramref name="companyId"/> being sent now.</summary>
    public IReadOnlyList<string> Running(string companyId) => [.. RunningPulls(companyId).Select(r => r.DataType ?? string.Empty)];

    /// <summary>The pulls of <paramref name="companyId"/> running now, with their progress, by data type.</summary>
    public IReadOnlyList<RunningPull> RunningPulls(string companyId) =>
        [.. _running.Values.Where(r => r.CompanyId == companyId).OrderBy(r => r.DataType, StringComparer.Ordinal)];

    public CompanyActivity? Last(string companyId) => _companies.GetValueOrDefault(companyId);

    /// <summary>The company's last failed sync, until that data type syncs again.</summary>
    public SyncFailure? LastFailure(string companyId) => _failures.GetValueOrDefault(companyId);

    public DateTimeOffset? LastSuccess(string companyId)
    {
        lock (_fileGate)
        {
            return LastSuccesses().TryGetValue(companyId, out var at) ? at : null;
        }
    }

    private void Update(string pullOperationId, Func<RunningPull, RunningPull> change)
    {
        // A pull that finished meanwhile stays finished: only a run still listed is changed.
        while (_running.TryGetValue(pullOperationId, out var current) && !_running.TryUpdate(pullOperationId, change(current), current))
        {
        }
    }

    private Dictionary<string, DateTimeOffset> LastSuccesses()
    {
        if (_lastSuccess is null)
        {
            try
            {
                _lastSuccess = PrivateFile.ReadOrNull(FilePath) is { } json
                    ? JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(json) ?? []
                    : [];
            }
            catch (JsonException)
            {
                // A damaged status file only loses the "last successful sync" dates.
                _lastSuccess = [];
            }
        }

        return _lastSuccess;
    }

    public sealed record CompanyActivity(PullOutcome Outcome, string? DataType, DateTimeOffset At);

    /// <summary>One running pull as the Companies page shows it.</summary>
    public sealed record RunningPull(string CompanyId, string? DataType, long RecordsSent, long RecordCount, bool ChangesOnly, string? Problem);

    public sealed record SyncFailure(string? DataType, string Reason, DateTimeOffset At);
}
