using System.Collections.Concurrent;
using Ledgerlink.Grains.Companies;
using Ledgerlink.Webhooks;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>Stands in for the tenant's webhook fan-out (another grain's job) and records what companies publish.</summary>
public sealed class RecordingEventPublisher : ICompanyEventPublisher
{
    private readonly ConcurrentQueue<(string TenantId, WebhookEvent Event)> _published = new();
    private int _failuresToSimulate;

    public IReadOnlyList<(string TenantId, WebhookEvent Event)> Published => _published.ToArray();

    /// <summary>The next <paramref name="count"/> publishes throw, as an unavailable tenant grain would.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresToSimulate, count);

    public Task PublishAsync(string tenantId, WebhookEvent webhookEvent)
    {
        if (Interlocked.Decrement(ref _failuresToSimulate) >= 0)
        {
            throw new InvalidOperationException("Simulated tenant failure.");
        }

        _published.Enqueue((tenantId, webhookEvent));
        return Task.CompletedTask;
    }
}
