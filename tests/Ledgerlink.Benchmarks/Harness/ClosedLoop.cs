using System.Diagnostics;

namespace Ledgerlink.Benchmarks.Harness;

/// <summary>
/// Runs one operation from <c>concurrency</c> workers in closed loops: each worker starts its next call when the
/// previous one returns. Can be run several times (slices); a worker's iteration numbers continue across slices.
/// </summary>
public sealed class ClosedLoop(int concurrency, Func<int, long, CancellationToken, Task> operation)
{
    private readonly long[] _iterations = new long[concurrency];

    /// <summary>Runs unmeasured for <paramref name="warmup"/>, then measures for <paramref name="duration"/>.</summary>
    public async Task<PhaseSample> RunAsync(TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (warmup > TimeSpan.Zero)
        {
            await RunAsync(warmup, cancellationToken).ConfigureAwait(false);
        }

        return await RunAsync(duration, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PhaseSample> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<long>[concurrency];
        var errors = 0L;
        string? firstError = null;
        var cpuBefore = ProcessCpuTime();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<long>(capacity: 4096);
            while (clock.Elapsed < duration)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(worker, _iterations[worker]++, cancellationToken).ConfigureAwait(false);
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

        // Calls still in flight at the deadline complete and count, so the wall time runs until the last one returns.
        var elapsed = clock.Elapsed;
        var cpu = ProcessCpuTime() - cpuBefore;
        return new PhaseSample([.. latencies.SelectMany(l => l)], errors, elapsed, cpu, firstError);
    }

    private static TimeSpan ProcessCpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
