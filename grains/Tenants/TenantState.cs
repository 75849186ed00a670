using Ledgerlink.Webhooks;

namespace Ledgerlink.Grains.Tenants;

/// <summary>A tenant's settings: its webhook consumers. Changes rarely. (Its companies are in the company index table.)</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Tenants.TenantState")]
public sealed class TenantState
{
    // Id 0 held the company index before it moved to its own table; not reused.
    [Id(1)]
    public List<WebhookConsumerInfo> Webhooks { get; set; } = [];
}
