using Ledgerlink.Webhooks;

namespace Ledgerlink.Tenants;

/// <summary>One integrator's account (key: tenant id): the index of its companies and its webhook consumers.</summary>
[Alias("Ledgerlink.Tenants.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Adds or renames a company in the tenant's index; interleaves, since each company is its own entity.</summary>
    [Alias("AddCompany"), Orleans.Concurrency.AlwaysInterleave]
    Task AddCompany(CompanySummary company);

    [Alias("RemoveCompany"), Orleans.Concurrency.AlwaysInterleave]
    Task RemoveCompany(string companyId);

    [Alias("ListCompanies"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<CompanySummary>> ListCompanies();

    [Alias("CreateWebhook")]
    Task<WebhookConsumerInfo> CreateWebhook(WebhookConsumerInfo consumer);

    [Alias("ListWebhooks")]
    Task<IReadOnlyList<WebhookConsumerInfo>> ListWebhooks();

    /// <summary>
    /// One consumer as it is now, secret included, or null once deleted: deliveries look it up before each attempt.
    /// Interleaves, so a delivery never waits behind a publish that is waiting for deliveries.
    /// </summary>
    [Alias("GetWebhook"), Orleans.Concurrency.AlwaysInterleave]
    Task<WebhookConsumerInfo?> GetWebhook(string webhookId);

    [Alias("DeleteWebhook")]
    Task<bool> DeleteWebhook(string webhookId);

    /// <summary>Delivers an event to every consumer subscribed to its type; each delivery retries on its own.</summary>
    [Alias("Publish")]
    Task Publish(WebhookEvent webhookEvent);

    /// <summary>The delivery log, newest first.</summary>
    [Alias("ListDeliveries")]
    Task<IReadOnlyList<WebhookDeliveryInfo>> ListDeliveries();
}
