namespace Ledgerlink.Webhooks;

/// <summary>A webhook consumer in the shape of Codat's <c>WebhookConsumer</c>, plus the secret its events are signed with.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Webhooks.WebhookConsumerInfo")]
public sealed record WebhookConsumerInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] bool Disabled,
    [property: Id(3)] IReadOnlyList<string> EventTypes,
    [property: Id(4)] IReadOnlyList<string> CompanyTags,
    [property: Id(5)] string SigningSecret)
{
    public override string ToString() => $"WebhookConsumerInfo {{ Id = {Id}, Url = {Url} }}";
}
