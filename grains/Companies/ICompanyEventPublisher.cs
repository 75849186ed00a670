using Ledgerlink.Webhooks;

namespace Ledgerlink.Grains.Companies;

/// <summary>Where a company's webhook events go. The default hands them to the tenant, which delivers them.</summary>
public interface ICompanyEventPublisher
{
    Task PublishAsync(string tenantId, WebhookEvent webhookEvent);
}
