namespace Ledgerlink.Webhooks;

[GenerateSerializer]
public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,

    /// <summary>The consumer was deleted while the delivery was pending; nothing more is sent.</summary>
    Cancelled,
}

[GenerateSerializer, Immutable, Alias("Ledgerlink.Webhooks.WebhookDeliveryAttempt")]
public sealed record WebhookDeliveryAttempt(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string? Error);

[GenerateSerializer, Immutable, Alias("Ledgerlink.Webhooks.WebhookDeliveryInfo")]
public sealed record WebhookDeliveryInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string WebhookId,
    [property: Id(2)] string EventId,
    [property: Id(3)] string EventType,
    [property: Id(4)] WebhookDeliveryStatus Status,
    [property: Id(5)] IReadOnlyList<WebhookDeliveryAttempt> Attempts);
