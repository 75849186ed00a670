namespace Ledgerlink.Webhooks;

/// <summary>A Codat-style event (e.g. <c>read.completed</c>); <paramref name="PayloadJson"/> is the event's JSON body.</summary>
/// <param name="CompanyTags">
/// The tags of the company the event is about, so consumers filtered by company tags (<c>key:value</c>) can be matched
/// without the tenant asking the company; null or empty when the event concerns no company or it has no tags.
/// </param>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Webhooks.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string EventType,
    [property: Id(2)] string? CompanyId,
    [property: Id(3)] DateTimeOffset GeneratedDate,
    [property: Id(4)] string PayloadJson,
    [property: Id(5)] IReadOnlyDictionary<string, string>? CompanyTags = null);
