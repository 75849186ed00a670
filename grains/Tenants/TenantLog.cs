using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Tenants;

/// <summary>Structured log events of tenants. Webhook consumers appear by id and host, never by full URL or secret.</summary>
internal static partial class TenantLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Tenant {TenantId} published event {EventId} ({EventType}) to {Consumers} webhook consumers")]
    public static partial void Published(ILogger logger, string tenantId, string eventId, string eventType, int consumers);

    [LoggerMessage(2, LogLevel.Information, "Tenant {TenantId} created webhook consumer {WebhookId} at {Host}")]
    public static partial void ConsumerCreated(ILogger logger, string tenantId, string webhookId, string host);

    [LoggerMessage(3, LogLevel.Information, "Tenant {TenantId} deleted webhook consumer {WebhookId}")]
    public static partial void ConsumerDeleted(ILogger logger, string tenantId, string webhookId);
}
