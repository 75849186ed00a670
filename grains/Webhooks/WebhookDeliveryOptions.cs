namespace Ledgerlink.Grains.Webhooks;

/// <summary>How webhook deliveries are posted and retried. Set through <c>AddLedgerlinkWebhooks</c>.</summary>
public sealed class WebhookDeliveryOptions
{
    /// <summary>The <see cref="System.Net.Http.IHttpClientFactory"/> client that posts webhooks.</summary>
    public const string HttpClientName = "Ledgerlink.Webhooks";

    /// <summary>Wait after the first failed attempt; later waits grow by <see cref="BackoffFactor"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public double BackoffFactor { get; set; } = 2;

    /// <summary>Upper bound of a single wait, so a large factor or many attempts cannot push a retry out for days.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts in all, the first included; after the last failed one the delivery is <c>Failed</c>.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one POST may take, connection included, before it counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Hosts (names or IP literals, as written in the webhook URL) that may be posted to over plain http and may resolve
    /// to loopback or private addresses: for local development and tests only (<c>Ledgerlink:Webhooks:AllowedInsecureHosts</c>).
    /// Every other webhook must be https to a public address.
    /// </summary>
    public List<string> AllowedInsecureHosts { get; set; } = [];

    /// <summary>The wait before the next attempt once <paramref name="failedAttempts"/> attempts (at least 1) have failed.</summary>
    public TimeSpan RetryDelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var ticks = InitialRetryDelay.Ticks * Math.Pow(BackoffFactor, failedAttempts - 1);
        return ticks >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }
}
