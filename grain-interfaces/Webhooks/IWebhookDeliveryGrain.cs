namespace Ledgerlink.Webhooks;

/// <summary>One event delivered to one consumer (key: delivery id): signs, posts, retries with backoff, keeps its log.</summary>
[Alias("Ledgerlink.Webhooks.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task Start(string tenantId, WebhookConsumerInfo consumer, WebhookEvent webhookEvent);

    [Alias("Get")]
    Task<WebhookDeliveryInfo?> Get();
}
