using Ledgerlink.Tenants;
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

    [LoggerMessage(4, LogLevel.Information, "Tenant {TenantId} lists API key {KeyId} ({Role})")]
    public static partial void ApiKeyListed(ILogger logger, string tenantId, string keyId, ApiRole role);

    [LoggerMessage(5, LogLevel.Warning, "Tenant {TenantId} API key {KeyId} revoked")]
    public static partial void ApiKeyRevoked(ILogger logger, string tenantId, string keyId);

    [LoggerMessage(6, LogLevel.Warning,
        "Bootstrap API key {KeyId} of tenant {TenantId} is no longer configured and was revoked")]
    public static partial void BootstrapKeyRevoked(ILogger logger, string keyId, string tenantId);

    [LoggerMessage(7, LogLevel.Warning,
        "Bootstrap API key {KeyId} of tenant {TenantId} is configured but was revoked; it stays revoked (remove it from configuration)")]
    public static partial void BootstrapKeyStillRevoked(ILogger logger, string keyId, string tenantId);

    [LoggerMessage(8, LogLevel.Information, "Tenant {TenantId} set its branding (tag {Tag}, logo {LogoBytes} bytes)")]
    public static partial void BrandingSet(ILogger logger, string tenantId, string tag, int logoBytes);

    [LoggerMessage(9, LogLevel.Information, "Tenant {TenantId} cleared its branding")]
    public static partial void BrandingCleared(ILogger logger, string tenantId);
}
