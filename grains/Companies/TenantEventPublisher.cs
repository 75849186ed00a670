using Ledgerlink.Tenants;
using Ledgerlink.Webhooks;

namespace Ledgerlink.Grains.Companies;

/// <summary>Publishes through <see cref="ITenantGrain.Publish"/>, which fans the event out to the tenant's webhooks.</summary>
public sealed class TenantEventPublisher(IGrainFactory grains) : ICompanyEventPublisher
{
    public Task PublishAsync(string tenantId, WebhookEvent webhookEvent) =>
        grains.GetGrain<ITenantGrain>(tenantId).Publish(webhookEvent);
}
