namespace Ledgerlink.Webhooks;

/// <summary>A Codat-style event (e.g. <c>read.completed</c>); <paramref name="PayloadJson"/> is the event's JSON body.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Webhooks.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string EventType,
    [property: Id(2)] string? CompanyId,
    [property: Id(3)] DateTimeOffset GeneratedDate,
    [property: Id(4)] string PayloadJson);
