using System.Net;

namespace Ledgerlink.Grains.Webhooks.Targets;

/// <summary>
/// Resolves a webhook's host name to addresses. The silo uses DNS; tests replace it to give a name the answer an
/// attacker's DNS server would (a public-looking name that resolves to a private address).
/// </summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver.</summary>
public sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
