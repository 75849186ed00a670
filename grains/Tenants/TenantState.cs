using Ledgerlink.Tenants;
using Ledgerlink.Webhooks;

namespace Ledgerlink.Grains.Tenants;

/// <summary>A tenant's settings: its companies and its webhook consumers. Changes rarely.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Tenants.TenantState")]
public sealed class TenantState
{
    [Id(0)]
    public Dictionary<string, CompanySummary> Companies { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public List<WebhookConsumerInfo> Webhooks { get; set; } = [];
}
