using Orleans.Concurrency;

namespace Ledgerlink.Webhooks;

/// <summary>One event delivered to one consumer (key: delivery id): signs, posts, retries with backoff, keeps its log.</summary>
[Alias("Ledgerlink.Webhooks.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task Start(string tenantId, WebhookConsumerInfo consumer, WebhookEvent webhookEvent);

    /// <summary>
    /// The delivery's status and attempts. Interleaves with a running attempt, so reading the delivery log never waits
    /// for a slow consumer's HTTP timeout.
    /// </summary>
    [Alias("Get"), AlwaysInterleave]
    Task<WebhookDeliveryInfo?> Get();
}
