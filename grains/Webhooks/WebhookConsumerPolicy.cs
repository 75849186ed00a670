using Ledgerlink.Webhooks;

namespace Ledgerlink.Grains.Webhooks;

/// <summary>Codat's rules for webhook consumers: what a valid one looks like, and which events reach it.</summary>
public static class WebhookConsumerPolicy
{
    /// <summary>Consumers per tenant, as Codat allows per client.</summary>
    public const int MaxConsumers = 50;

    /// <summary>Company tags per consumer, and characters per tag, as Codat's <c>WebhookConsumer</c> schema allows.</summary>
    public const int MaxCompanyTags = 10;

    public const int MaxCompanyTagLength = 128;

    /// <summary>
    /// The consumer as it is stored: an id (a new GUID) and a signing secret (<see cref="WebhookSignature.NewSecret"/>)
    /// where the caller gave none, and empty lists instead of missing ones.
    /// </summary>
    /// <exception cref="ArgumentException">The URL, tags or secret are not acceptable; the message says which.</exception>
    public static WebhookConsumerInfo Prepare(WebhookConsumerInfo consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        if (!Uri.TryCreate(consumer.Url, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("A webhook consumer needs an absolute http or https URL.", nameof(consumer));
        }

        // Deserialised requests can carry nulls where the contract promises lists.
        var eventTypes = consumer.EventTypes ?? [];
        var companyTags = consumer.CompanyTags ?? [];
        if (eventTypes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Event types must not be empty.", nameof(consumer));
        }

        if (companyTags.Count > MaxCompanyTags)
        {
            throw new ArgumentException($"A webhook consumer may filter on at most {MaxCompanyTags} company tags.", nameof(consumer));
        }

        if (companyTags.Any(tag => tag is null || tag.Length > MaxCompanyTagLength || tag.IndexOf(':', StringComparison.Ordinal) < 1))
        {
            throw new ArgumentException(
                $"Company tags use the format 'tagKey:tagValue', at most {MaxCompanyTagLength} characters each.", nameof(consumer));
        }

        var secret = consumer.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            secret = WebhookSignature.NewSecret();
        }
        else if (!WebhookSignature.IsValidSecret(secret))
        {
            throw new ArgumentException(
                $"A signing secret is '{WebhookSignature.SecretPrefix}' followed by {WebhookSignature.MinSecretBytes} to " +
                $"{WebhookSignature.MaxSecretBytes} bytes in base64; leave it empty to have one generated.",
                nameof(consumer));
        }

        return consumer with
        {
            Id = string.IsNullOrWhiteSpace(consumer.Id) ? Guid.NewGuid().ToString() : consumer.Id,
            EventTypes = [.. eventTypes.Distinct(StringComparer.Ordinal)],
            CompanyTags = [.. companyTags.Distinct(StringComparer.Ordinal)],
            SigningSecret = secret,
        };
    }

    /// <summary>
    /// True when the event goes to this consumer: it is enabled, subscribes to the event type (no types means all), and,
    /// if it filters on company tags, the event's company carries one of them. Both comparisons are case-sensitive, as
    /// Codat's company tags are.
    /// </summary>
    public static bool Matches(WebhookConsumerInfo consumer, WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (consumer.Disabled)
        {
            return false;
        }

        var eventTypes = consumer.EventTypes ?? [];
        if (eventTypes.Count > 0 && !eventTypes.Contains(webhookEvent.EventType, StringComparer.Ordinal))
        {
            return false;
        }

        var wantedTags = consumer.CompanyTags ?? [];
        if (wantedTags.Count == 0)
        {
            return true;
        }

        var companyTags = webhookEvent.CompanyTags;
        return companyTags is not null
            && companyTags.Any(tag => wantedTags.Contains($"{tag.Key}:{tag.Value}", StringComparer.Ordinal));
    }
}
