using System.Collections.Concurrent;
using System.Text.Json;
using Ledgerlink.EdgeAgent.LocalFiles;
using Ledgerlink.EdgeAgent.Sync;

namespace Ledgerlink.EdgeAgent.Status;

/// <summary>
/// The sync status the agent can see of each linked company: which data types it is sending now, how the last run
/// ended and when the last one completed. The last successful sync is kept in <c>sync-status.json</c> in the data
/// folder, so it survives a restart; the rest is this process's own view.
/// </summary>
public sealed class SyncActivity(string dataFolder)
{
    private readonly ConcurrentDictionary<string, string> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CompanyActivity> _companies = new(StringComparer.Ordinal);
    private readonly Lock _fileGate = new();
    private Dictionary<string, DateTimeOffset>? _lastSuccess;

    public string FilePath { get; } = Path.Combine(dataFolder, "sync-status.json");

    public void Started(string companyId, string datasetId, string? dataType) => _running[datasetId] = $"{companyId}\n{dataType}";

    public void Finished(string companyId, string datasetId, string? dataType, PullOutcome outcome)
    {
        _running.TryRemove(datasetId, out _);
        var now = DateTimeOffset.UtcNow;
        _companies.AddOrUpdate(companyId, _ => new CompanyActivity(outcome, dataType, now), (_, _) => new CompanyActivity(outcome, dataType, now));
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
    public IReadOnlyList<string> Running(string companyId) =>
        [.. _running.Values.Select(v => v.Split('\n')).Where(p => p[0] == companyId).Select(p => p[1]).Order(StringComparer.Ordinal)];

    public CompanyActivity? Last(string companyId) => _companies.GetValueOrDefault(companyId);

    public DateTimeOffset? LastSuccess(string companyId)
    {
        lock (_fileGate)
        {
            return LastSuccesses().TryGetValue(companyId, out var at) ? at : null;
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
}
