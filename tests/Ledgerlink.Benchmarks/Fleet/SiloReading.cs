using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>
/// The silo process at one moment: working set and CPU time from the OS (/proc, through <see cref="Process"/>), and from
/// its operator metrics the managed heap after the last GC (all generations), the agents it counts as connected, and
/// Orleans' activation count.
/// </summary>
internal sealed partial record SiloReading(long WorkingSetBytes, TimeSpan CpuTime, long HeapBytes, long ConnectedAgents, long Activations)
{
    public static async Task<SiloReading> TakeAsync(int siloProcessId, HttpClient operatorView, CancellationToken cancellationToken)
    {
        var scrape = await operatorView.GetStringAsync(new Uri("/operator/metrics", UriKind.Relative), cancellationToken);
        using var process = Process.GetProcessById(siloProcessId);
        process.Refresh();
        return new SiloReading(
            process.WorkingSet64,
            process.TotalProcessorTime,
            (long)Sum(scrape, "dotnet_gc_last_collection_heap_size_bytes"),
            (long)Sum(scrape, "ledgerlink_agents_connected"),
            (long)Sum(scrape, "orleans_catalog_activations"));
    }

    /// <summary>The sum of every sample of a metric (all label sets); 0 when absent.</summary>
    public static double Sum(string scrape, string metric) =>
        Sample().Matches(scrape).Where(m => m.Groups["name"].Value == metric)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>[-+0-9.eE]+|NaN)( \d+)?$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
