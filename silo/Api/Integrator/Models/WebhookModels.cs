using System.Text.Json.Serialization;
using Ledgerlink.Webhooks;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>Codat's <c>webhookConsumerPrototype</c>.</summary>
public sealed record WebhookConsumerBody(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("disabled")] bool? Disabled,
    [property: JsonPropertyName("eventTypes")] List<string>? EventTypes,
    [property: JsonPropertyName("companyTags")] List<string>? CompanyTags);

/// <summary>
/// Codat's <c>WebhookConsumer</c>. <c>signingSecret</c> (ours) is returned only when the consumer is created: events are
/// signed with it (<c>webhook-signature</c> header, HMAC-SHA256), and it is not shown again.
/// </summary>
public sealed record WebhookConsumerResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("disabled")] bool Disabled,
    [property: JsonPropertyName("eventTypes")] IReadOnlyList<string> EventTypes,
    [property: JsonPropertyName("companyTags")] IReadOnlyList<string> CompanyTags,
    [property: JsonPropertyName("signingSecret")] string? SigningSecret)
{
    public static WebhookConsumerResponse From(WebhookConsumerInfo consumer, bool withSecret = false) => new(
        consumer.Id, consumer.Url, consumer.Disabled, consumer.EventTypes, consumer.CompanyTags,
        withSecret ? consumer.SigningSecret : null);
}

public sealed record WebhookConsumersResponse([property: JsonPropertyName("results")] IReadOnlyList<WebhookConsumerResponse> Results);

/// <summary>One delivery of one event to one consumer, with every attempt.</summary>
public sealed record WebhookDeliveryResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("webhookId")] string WebhookId,
    [property: JsonPropertyName("eventId")] string EventId,
    [property: JsonPropertyName("eventType")] string EventType,
    [property: JsonPropertyName("status")] WebhookDeliveryStatus Status,
    [property: JsonPropertyName("attempts")] IReadOnlyList<WebhookDeliveryAttempt> Attempts)
{
    public static WebhookDeliveryResponse From(WebhookDeliveryInfo delivery) => new(
        delivery.Id, delivery.WebhookId, delivery.EventId, delivery.EventType, delivery.Status, delivery.Attempts);
}
