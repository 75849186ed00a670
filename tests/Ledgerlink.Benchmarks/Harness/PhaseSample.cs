namespace Ledgerlink.Benchmarks.Harness;

/// <summary>One measured slice of a phase: completed calls' latencies (Stopwatch ticks), failures, wall time.</summary>
public sealed record PhaseSample(long[] LatencyTicks, long Errors, TimeSpan Elapsed, string? FirstError)
{
    public double PerSecond => LatencyTicks.Length / Elapsed.TotalSeconds;
}
