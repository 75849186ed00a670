using System.Diagnostics;

namespace Ledgerlink.Testing.Polling;

/// <summary>
/// The one way tests wait for state that something else changes (a grain timer, another process, a browser): poll until
/// it holds. The timeout is a generous safety net, never the thing being waited for.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    // Paces the polling only; short enough that a measured "within a second" is not the poll interval.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var last = await read();
        while (!done(last))
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what ?? "the condition"}; last seen: {last}");
            }

            await Task.Delay(Interval, CancellationToken.None);
            last = await read();
        }

        return last;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, and returns how long that took.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        await ValueAsync(condition, holds => holds, timeout);
        return clock.Elapsed;
    }
}
