namespace Ledgerlink.Tests.Webhooks;

/// <summary>Waits for grain state that changes in the background (retries run on grain timers), with a generous limit.</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            try
            {
                await Task.Delay(Interval, expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Condition not met within {limit}; last value: {value}");
            }
        }
    }
}
