using System.Globalization;
using System.Text;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// Whole-company probes of Sage (the watermark's aggregate SELECTs, the search for changed transactions) shared by
/// the pulls of one sync round: "Sync now" starts a pull per data type within seconds, and each probe scans the audit
/// trail's largest tables. A probe is reused only while no file of the company's data folder has been written since
/// it started (same names, sizes and write times), so what it says is still exactly true of the data; and for a
/// minute at most.
/// </summary>
public sealed class RecentSageProbes(TimeProvider time)
{
    public static readonly TimeSpan ReuseFor = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (DateTimeOffset TakenAt, string Files, object Value)> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// The value taken under <paramref name="key"/> for the company in <paramref name="dataDirectory"/> if its files
    /// have not changed since, or a new one (one probe at a time).
    /// </summary>
    public async Task<T> GetOrTakeAsync<T>(string dataDirectory, string key, Func<Task<T>> take, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(take);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            // Read before probing: a write during the probe makes the next look differ and probe again.
            var files = FilesStamp(dataDirectory);
            var fullKey = dataDirectory + "|" + key;
            if (files is not null && _entries.TryGetValue(fullKey, out var entry) && now - entry.TakenAt < ReuseFor
                && entry.Files == files && entry.Value is T recent)
            {
                return recent;
            }

            var value = await take();
            foreach (var stale in _entries.Where(e => now - e.Value.TakenAt >= ReuseFor).Select(e => e.Key).ToList())
            {
                _entries.Remove(stale);
            }

            if (files is not null)
            {
                _entries[fullKey] = (now, files, value);
            }

            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Name, size and last write time of every file in the company's ACCDATA, or null when it cannot be listed (never reused).</summary>
    private static string? FilesStamp(string dataDirectory)
    {
        try
        {
            if (Sage50DataDirectory.FindAccData(dataDirectory) is not { } accData)
            {
                return null;
            }

            var stamp = new StringBuilder();
            foreach (var file in new DirectoryInfo(accData).EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                stamp.Append(file.FullName).Append('|').Append(file.Length.ToString(CultureInfo.InvariantCulture))
                    .Append('|').Append(file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append(';');
            }

            return stamp.ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
