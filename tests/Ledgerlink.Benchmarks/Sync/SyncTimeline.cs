using System.Globalization;
using System.Text;

namespace Ledgerlink.Benchmarks.Sync;

/// <summary>
/// When each data type of an end-to-end sync was first seen fetching and first seen finished, from the benchmark's own
/// <c>dataStatus</c> polls (so to the poll's resolution): shows how the agent's pulls overlap and what runs alone at the end.
/// </summary>
public sealed class SyncTimeline
{
    private readonly Dictionary<string, TimeSpan> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _finished = new(StringComparer.Ordinal);

    public void Observe(TimeSpan at, IEnumerable<(string DataType, string Status)> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        foreach (var (dataType, status) in states)
        {
            if (status != "Queued")
            {
                _started.TryAdd(dataType, at);
            }

            if (status is not ("Queued" or "Fetching"))
            {
                _finished.TryAdd(dataType, at);
            }
        }
    }

    public string Describe()
    {
        var text = new StringBuilder("  timeline (seconds from the refresh; first poll seen fetching → first poll seen finished):\n");
        foreach (var (dataType, finished) in _finished.OrderBy(f => f.Value))
        {
            var started = _started.GetValueOrDefault(dataType, finished);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"    {dataType,-16} {started.TotalSeconds,6:N1} → {finished.TotalSeconds,6:N1}  ({(finished - started).TotalSeconds:N1} s)");
        }

        return text.ToString();
    }
}
