namespace Ledgerlink.Benchmarks.Harness;

/// <summary>What one timed phase achieved. Latencies are per operation, in milliseconds.</summary>
public sealed record PhaseResult(
    string Name, long Operations, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms, string? FirstError)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}
