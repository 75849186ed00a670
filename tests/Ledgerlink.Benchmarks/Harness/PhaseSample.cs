namespace Ledgerlink.Benchmarks.Harness;

/// <summary>
/// One measured slice of a phase: completed calls' latencies (Stopwatch ticks), failures, wall time, and the CPU time
/// this process (callers, silo, provider, SDK; not the storage service) spent meanwhile.
/// </summary>
public sealed record PhaseSample(long[] LatencyTicks, long Errors, TimeSpan Elapsed, TimeSpan ProcessCpu, string? FirstError)
{
    public double PerSecond => LatencyTicks.Length / Elapsed.TotalSeconds;
}
