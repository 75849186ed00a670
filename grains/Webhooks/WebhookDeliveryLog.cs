using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Webhooks;

/// <summary>
/// Structured log events of webhook delivery. Consumers appear by id and host only: a URL's path or query may hold the
/// integrator's tokens, and secrets and signatures are never logged.
/// </summary>
internal static partial class WebhookDeliveryLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Webhook delivery {DeliveryId} of event {EventId} ({EventType}) to webhook {WebhookId} at {Host} started")]
    public static partial void Started(
        ILogger logger, string deliveryId, string eventId, string eventType, string webhookId, string host);

    [LoggerMessage(2, LogLevel.Information,
        "Webhook delivery {DeliveryId} to webhook {WebhookId} delivered on attempt {Attempt} with status {StatusCode}")]
    public static partial void Delivered(ILogger logger, string deliveryId, string webhookId, int attempt, int? statusCode);

    [LoggerMessage(3, LogLevel.Warning,
        "Webhook delivery {DeliveryId} to webhook {WebhookId} at {Host}: attempt {Attempt} failed ({StatusCode} {Error}); next attempt in {RetryDelay}")]
    public static partial void AttemptFailed(
        ILogger logger, string deliveryId, string webhookId, string host, int attempt, int? statusCode, string? error,
        TimeSpan retryDelay);

    [LoggerMessage(4, LogLevel.Error,
        "Webhook delivery {DeliveryId} to webhook {WebhookId} at {Host} failed after {Attempts} attempts ({StatusCode} {Error})")]
    public static partial void GaveUp(
        ILogger logger, string deliveryId, string webhookId, string host, int attempts, int? statusCode, string? error);

    [LoggerMessage(5, LogLevel.Information,
        "Webhook delivery {DeliveryId} resumed after reactivation; next attempt in {RetryDelay}")]
    public static partial void Resumed(ILogger logger, string deliveryId, TimeSpan retryDelay);

    [LoggerMessage(6, LogLevel.Warning,
        "Webhook delivery {DeliveryId}: saving its state failed; it will be saved again before the next attempt")]
    public static partial void SaveFailed(ILogger logger, Exception exception, string deliveryId);

    [LoggerMessage(7, LogLevel.Debug,
        "Webhook delivery {DeliveryId}: attempt interrupted because the activation is stopping; the next activation retries")]
    public static partial void Interrupted(ILogger logger, string deliveryId);

    [LoggerMessage(8, LogLevel.Information,
        "Webhook delivery {DeliveryId} cancelled: webhook {WebhookId} was deleted before the next attempt")]
    public static partial void ConsumerDeleted(ILogger logger, string deliveryId, string webhookId);

    [LoggerMessage(9, LogLevel.Warning,
        "Webhook delivery {DeliveryId}: its wake-up reminder could not be removed now; it removes itself at its next tick")]
    public static partial void WakeUpNotCleared(ILogger logger, Exception exception, string deliveryId);
}
