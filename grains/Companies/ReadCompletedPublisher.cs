using Ledgerlink.Webhooks;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// Publishes a company's <c>read.completed</c> webhook once every data type of a refresh has finished. Awaited, but a
/// failure is only logged: the tenant's delivery must never break the company. The tenant only records the deliveries
/// (each runs on its own timer), so it never calls back into the company while the company waits.
/// </summary>
public sealed class ReadCompletedPublisher(ICompanyEventPublisher events, TimeProvider time, ILogger logger)
{
    public async Task PublishAsync(string companyId, CompanyState company, IReadOnlyList<PullOperationRecord> refresh)
    {
        var webhookEvent = ReadCompletedWebhook.Create(
            Guid.NewGuid().ToString(),
            time.GetUtcNow(),
            companyId,
            company.Profile!,
            refresh.Select(o => new ReadCompletedWebhook.DataTypeRead(o.ConnectionId, o.DataType, o.RecordsModified, o.Status)));
        try
        {
            await events.PublishAsync(company.TenantId!, webhookEvent);
        }
        catch (Exception e)
        {
            CompanyLog.PublishFailed(logger, e, companyId, webhookEvent.EventType, webhookEvent.Id, company.TenantId!);
        }
    }
}
