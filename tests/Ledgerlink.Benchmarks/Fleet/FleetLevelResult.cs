using System.Globalization;

namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>What one fleet size measured: memory and CPU with only heartbeats running, then latencies under load.</summary>
internal sealed record FleetLevelResult(
    int Agents,
    SiloReading Started,
    FleetLevelResult? Previous,
    TimeSpan BaselineCpuPerSecond,
    SiloReading IdleStart,
    SiloReading IdleEnd,
    TimeSpan IdleWindow,
    long Heartbeats,
    long WorkersWorkingSetBytes,
    IReadOnlyList<double> RefreshMs,
    IReadOnlyList<double> CommandMs,
    IReadOnlyList<double> DeliveryMs,
    int CommandsMissing,
    IReadOnlyDictionary<int, int> RefreshesRefused,
    double SyncPullsPerSecond,
    long WorkerFailures,
    string IdleLoad,
    string LoadedLoad)
{
    /// <summary>Working set the silo grew by since it started (no company, no agent), per connected agent.</summary>
    public double WorkingSetPerAgentKiB => (IdleEnd.WorkingSetBytes - Started.WorkingSetBytes) / 1024.0 / Agents;

    /// <summary>Managed heap after the last GC, grown since start, per connected agent (an upper bound: garbage not yet collected counts).</summary>
    public double HeapPerAgentKiB => (IdleEnd.HeapBytes - Started.HeapBytes) / 1024.0 / Agents;

    /// <summary>
    /// Working set grown since the previous (smaller) fleet, per agent added: the marginal cost of one more agent, without
    /// the one-time growth (JIT, thread pool, caches) the first level pays.
    /// </summary>
    public double MarginalWorkingSetPerAgentKiB => Previous is { } p
        ? (IdleEnd.WorkingSetBytes - p.IdleEnd.WorkingSetBytes) / 1024.0 / (Agents - p.Agents)
        : WorkingSetPerAgentKiB;

    public double MarginalHeapPerAgentKiB => Previous is { } p
        ? (IdleEnd.HeapBytes - p.IdleEnd.HeapBytes) / 1024.0 / (Agents - p.Agents)
        : HeapPerAgentKiB;

    /// <summary>Silo CPU over the idle window divided by the heartbeats the agents made in it (everything else idle).</summary>
    public double CpuMicrosecondsPerHeartbeat => Heartbeats == 0 ? double.NaN : (IdleEnd.CpuTime - IdleStart.CpuTime).TotalMicroseconds / Heartbeats;

    /// <summary>The same, less what the silo burned per second with no agent at all (membership, timers, the metric scrapes).</summary>
    public double NetCpuMicrosecondsPerHeartbeat => Heartbeats == 0
        ? double.NaN
        : ((IdleEnd.CpuTime - IdleStart.CpuTime) - (BaselineCpuPerSecond * IdleWindow.TotalSeconds)).TotalMicroseconds / Heartbeats;

    public double WorkerWorkingSetPerAgentKiB => WorkersWorkingSetBytes / 1024.0 / Agents;

    public double HeartbeatsPerSecond => Heartbeats / IdleWindow.TotalSeconds;

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"level {Agents:N0} loaded: refresh p50 {Percentile(RefreshMs, 0.5):0.0} ms p99 {Percentile(RefreshMs, 0.99):0.0} ms ({RefreshMs.Count} answered 200, " +
        $"refused: {(RefreshesRefused.Count == 0 ? "none" : string.Join(", ", RefreshesRefused.Select(r => $"{r.Value} x {r.Key}")))}), " +
        $"command send→agent p50 {Percentile(CommandMs, 0.5):0.0} ms p99 {Percentile(CommandMs, 0.99):0.0} ms ({CommandMs.Count} arrived, {CommandsMissing} missing), " +
        $"of which answer→agent p50 {Percentile(DeliveryMs, 0.5):0.0} ms p99 {Percentile(DeliveryMs, 0.99):0.0} ms, " +
        $"{SyncPullsPerSecond:0.0} pulls/s by the syncing share, {WorkerFailures} worker failures so far, load average {LoadedLoad}");

    public static void WriteTable(TextWriter output, IReadOnlyList<FleetLevelResult> results)
    {
        output.WriteLine("| agents | silo working set | per agent (marginal) | managed heap | per agent (marginal) | heartbeats/s | silo CPU per heartbeat (net of no-agent) | refresh p50 / p99 | command → agent p50 / p99 | answer → agent p50 / p99 | client processes per agent | load avg idle; loaded |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Agents:N0} | {r.IdleEnd.WorkingSetBytes / 1048576.0:0} MiB | {r.WorkingSetPerAgentKiB:0} KiB ({r.MarginalWorkingSetPerAgentKiB:0} KiB) | " +
                $"{r.IdleEnd.HeapBytes / 1048576.0:0} MiB | {r.HeapPerAgentKiB:0.0} KiB ({r.MarginalHeapPerAgentKiB:0.0} KiB) | {r.HeartbeatsPerSecond:0} | " +
                $"{r.CpuMicrosecondsPerHeartbeat:0} µs ({r.NetCpuMicrosecondsPerHeartbeat:0} µs) | " +
                $"{Percentile(r.RefreshMs, 0.5):0.0} / {Percentile(r.RefreshMs, 0.99):0.0} ms | {Percentile(r.CommandMs, 0.5):0.0} / {Percentile(r.CommandMs, 0.99):0.0} ms | " +
                $"{Percentile(r.DeliveryMs, 0.5):0.0} / {Percentile(r.DeliveryMs, 0.99):0.0} ms | " +
                $"{r.WorkerWorkingSetPerAgentKiB:0} KiB | {r.IdleLoad}; {r.LoadedLoad} |"));
        }

        if (results.Count > 0)
        {
            var r = results[0];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"silo at start (no company, no agent): working set {r.Started.WorkingSetBytes / 1048576.0:0} MiB, managed heap {r.Started.HeapBytes / 1048576.0:0} MiB; " +
                $"per agent = growth since start / agents connected (it includes the agent's company grain and its connection)"));
        }
    }

    /// <summary>Nearest-rank percentile; NaN with no samples.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
