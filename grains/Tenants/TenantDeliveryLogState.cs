namespace Ledgerlink.Grains.Tenants;

/// <summary>
/// The ids of a tenant's latest webhook deliveries, oldest first. Kept apart from <see cref="TenantState"/> because it
/// changes on every published event, and a publish should not rewrite the company index and consumers each time.
/// </summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Tenants.TenantDeliveryLogState")]
public sealed class TenantDeliveryLogState
{
    [Id(0)]
    public List<string> DeliveryIds { get; set; } = [];
}
