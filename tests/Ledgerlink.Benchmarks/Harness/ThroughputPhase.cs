using System.Diagnostics;

namespace Ledgerlink.Benchmarks.Harness;

/// <summary>
/// Runs one operation from <c>concurrency</c> workers in closed loops (each starts its next call when the previous one
/// returns) for a warm-up, then for the measured duration, and counts completed calls and their latencies.
/// </summary>
public sealed class ThroughputPhase(int concurrency, TimeSpan warmup, TimeSpan duration)
{
    /// <param name="operation">Called with the worker index and that worker's iteration number (never repeated).</param>
    public async Task<PhaseResult> RunAsync(
        string name, Func<int, long, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var iterations = new long[concurrency];
        if (warmup > TimeSpan.Zero)
        {
            await RunLoopsAsync(name, iterations, warmup, operation, cancellationToken).ConfigureAwait(false);
        }

        return await RunLoopsAsync(name, iterations, duration, operation, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PhaseResult> RunLoopsAsync(
        string name,
        long[] iterations,
        TimeSpan length,
        Func<int, long, CancellationToken, Task> operation,
        CancellationToken cancellationToken)
    {
        var latencies = new List<long>[concurrency];
        var errors = 0L;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<long>(capacity: 4096);
            while (clock.Elapsed < length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(worker, iterations[worker]++, cancellationToken).ConfigureAwait(false);
                    mine.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new PhaseResult(name, all.Length, errors, elapsed, PercentileMs(all, 0.50), PercentileMs(all, 0.99), firstError);
    }

    private static double PercentileMs(long[] sortedTicks, double percentile) =>
        sortedTicks.Length == 0
            ? double.NaN
            : sortedTicks[(int)Math.Min(sortedTicks.Length - 1, Math.Floor(percentile * sortedTicks.Length))]
              * 1000.0 / Stopwatch.Frequency;
}
