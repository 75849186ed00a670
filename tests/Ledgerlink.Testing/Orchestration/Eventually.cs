using System.Diagnostics;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>Polls a condition until it holds; the timeout is a safety net, never the thing being waited for.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Condition did not hold within {limit.TotalSeconds:0.#} s.");
            }

            // Paces the polling only.
            await Task.Delay(20);
        }

        return clock.Elapsed;
    }
}
