using Ledgerlink.Grains.Webhooks;
using Ledgerlink.Grains.Webhooks.Targets;
using Ledgerlink.Tenants;
using Ledgerlink.Webhooks;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Tenants;

/// <summary>
/// One integrator's account: its companies (kept in the <see cref="CompanyIndex"/> table, one entity each, so a create
/// costs the same in a tenant of ten companies as in one of a hundred thousand), its webhook consumers, and the log of
/// deliveries its events caused. Publishing only fans out: each delivery is its own grain that signs, posts and retries on its own.
/// </summary>
public sealed class TenantGrain(
    [PersistentState("tenant")] IPersistentState<TenantState> tenant,
    [PersistentState("tenantDeliveries")] IPersistentState<TenantDeliveryLogState> deliveries,
    WebhookTargets targets,
    CompanyIndex companies,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    /// <summary>Deliveries the log keeps; older ones drop out of the tenant's view (their grains keep their own state).</summary>
    public const int DeliveryLogCapacity = 1000;

    private string TenantId => this.GetPrimaryKeyString();

    public Task AddCompany(CompanySummary company)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentException.ThrowIfNullOrWhiteSpace(company.Id, nameof(company));
        return companies.AddAsync(TenantId, company);
    }

    public Task RemoveCompany(string companyId)
    {
        ArgumentNullException.ThrowIfNull(companyId);
        return companies.RemoveAsync(TenantId, companyId);
    }

    public Task<IReadOnlyList<CompanySummary>> ListCompanies() => companies.ListAsync(TenantId);

    public async Task<WebhookConsumerInfo> CreateWebhook(WebhookConsumerInfo consumer)
    {
        var webhooks = tenant.State.Webhooks;
        if (webhooks.Count >= WebhookConsumerPolicy.MaxConsumers)
        {
            throw new ArgumentException(
                $"A tenant can have at most {WebhookConsumerPolicy.MaxConsumers} webhook consumers; " +
                "delete an unused consumer before creating another.",
                nameof(consumer));
        }

        var prepared = WebhookConsumerPolicy.Prepare(consumer);
        if (await targets.CheckRegistrationAsync(prepared.Url) is { } refusal)
        {
            throw new ArgumentException($"url is not accepted: {refusal}.", nameof(consumer));
        }

        if (webhooks.Exists(webhook => webhook.Id == prepared.Id))
        {
            throw new ArgumentException($"Webhook consumer {prepared.Id} already exists.", nameof(consumer));
        }

        webhooks.Add(prepared);
        await tenant.WriteStateAsync();
        TenantLog.ConsumerCreated(logger, TenantId, prepared.Id, new Uri(prepared.Url).Authority);
        return prepared;
    }

    public Task<IReadOnlyList<WebhookConsumerInfo>> ListWebhooks() =>
        Task.FromResult<IReadOnlyList<WebhookConsumerInfo>>([.. tenant.State.Webhooks]);

    public Task<WebhookConsumerInfo?> GetWebhook(string webhookId) =>
        Task.FromResult(tenant.State.Webhooks.Find(webhook => webhook.Id == webhookId));

    public async Task<bool> DeleteWebhook(string webhookId)
    {
        ArgumentNullException.ThrowIfNull(webhookId);
        if (tenant.State.Webhooks.RemoveAll(webhook => webhook.Id == webhookId) == 0)
        {
            return false;
        }

        await tenant.WriteStateAsync();
        TenantLog.ConsumerDeleted(logger, TenantId, webhookId);
        return true;
    }

    public async Task Publish(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookEvent.Id, nameof(webhookEvent));
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookEvent.EventType, nameof(webhookEvent));
        ArgumentNullException.ThrowIfNull(webhookEvent.PayloadJson, nameof(webhookEvent));

        // Version 7 GUIDs sort by creation time, which keeps delivery ids readable in order in logs and storage.
        var starts = tenant.State.Webhooks
            .Where(consumer => WebhookConsumerPolicy.Matches(consumer, webhookEvent))
            .Select(consumer => (DeliveryId: Guid.CreateVersion7().ToString(), Consumer: consumer))
            .ToList();
        TenantLog.Published(logger, TenantId, webhookEvent.Id, webhookEvent.EventType, starts.Count);
        if (starts.Count == 0)
        {
            return;
        }

        // Logged before started: a delivery that starts must be findable, while a logged one that never started
        // (the silo died in between) just reads as absent.
        var log = deliveries.State.DeliveryIds;
        log.AddRange(starts.Select(start => start.DeliveryId));
        if (log.Count > DeliveryLogCapacity)
        {
            log.RemoveRange(0, log.Count - DeliveryLogCapacity);
        }

        await deliveries.WriteStateAsync();
        await Task.WhenAll(starts.Select(start =>
            GrainFactory.GetGrain<IWebhookDeliveryGrain>(start.DeliveryId)
                .Start(TenantId, start.Consumer with { SigningSecret = string.Empty }, webhookEvent)));
    }

    public async Task<IReadOnlyList<WebhookDeliveryInfo>> ListDeliveries()
    {
        var newestFirst = Enumerable.Reverse(deliveries.State.DeliveryIds).ToList();
        var infos = await Task.WhenAll(newestFirst.Select(id => GrainFactory.GetGrain<IWebhookDeliveryGrain>(id).Get()));
        return [.. infos.OfType<WebhookDeliveryInfo>()];
    }
}
