using Ledgerlink.Webhooks;

namespace Ledgerlink.Grains.Webhooks;

/// <summary>What a delivery grain persists: the event and consumer as they were when published, and every attempt.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Webhooks.WebhookDeliveryState")]
public sealed class WebhookDeliveryState
{
    [Id(0)]
    public string TenantId { get; set; } = "";

    [Id(1)]
    public WebhookConsumerInfo? Consumer { get; set; }

    [Id(2)]
    public WebhookEvent? Event { get; set; }

    [Id(3)]
    public WebhookDeliveryStatus Status { get; set; }

    [Id(4)]
    public List<WebhookDeliveryAttempt> Attempts { get; set; } = [];

    [Id(5)]
    public DateTimeOffset Created { get; set; }

    /// <summary>When the next attempt is due while <see cref="Status"/> is Pending; kept so a new activation resumes on time.</summary>
    [Id(6)]
    public DateTimeOffset? NextAttemptAt { get; set; }
}
