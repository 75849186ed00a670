using System.Diagnostics;

namespace Ledgerlink.Benchmarks.Harness;

/// <summary>What one phase achieved over all its slices. Latencies are per operation, in milliseconds.</summary>
public sealed record PhaseResult(
    string Name,
    long Operations,
    long Errors,
    TimeSpan Elapsed,
    double SlowestSlicePerSecond,
    double FastestSlicePerSecond,
    double ProcessCpuMicrosecondsPerOperation,
    double P50Ms,
    double P99Ms,
    string? FirstError)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public static PhaseResult From(string name, IReadOnlyCollection<PhaseSample> samples)
    {
        var ticks = samples.SelectMany(s => s.LatencyTicks).Order().ToArray();
        return new PhaseResult(
            name,
            ticks.Length,
            samples.Sum(s => s.Errors),
            TimeSpan.FromTicks(samples.Sum(s => s.Elapsed.Ticks)),
            samples.Min(s => s.PerSecond),
            samples.Max(s => s.PerSecond),
            samples.Sum(s => s.ProcessCpu.TotalMicroseconds) / Math.Max(1, ticks.Length),
            PercentileMs(ticks, 0.50),
            PercentileMs(ticks, 0.99),
            samples.Select(s => s.FirstError).FirstOrDefault(e => e is not null));
    }

    private static double PercentileMs(long[] sortedTicks, double percentile) =>
        sortedTicks.Length == 0
            ? double.NaN
            : sortedTicks[(int)Math.Min(sortedTicks.Length - 1, Math.Floor(percentile * sortedTicks.Length))]
              * 1000.0 / Stopwatch.Frequency;
}
