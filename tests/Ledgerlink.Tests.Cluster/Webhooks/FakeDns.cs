using System.Collections.Concurrent;
using System.Net;
using Ledgerlink.Grains.Webhooks.Targets;

namespace Ledgerlink.Tests.Webhooks;

/// <summary>
/// The answers an attacker's DNS server would give, for names under <c>.fake</c>; other names (such as <c>localhost</c>)
/// go to the system resolver. An answer may change between lookups, as in DNS rebinding.
/// </summary>
public sealed class FakeDns : IWebhookHostResolver
{
    private readonly ConcurrentDictionary<string, Func<int, IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _lookups = new(StringComparer.OrdinalIgnoreCase);

    public void Answer(string host, params string[] addresses) =>
        _answers[host] = _ => [.. addresses.Select(IPAddress.Parse)];

    /// <summary>The first lookup gets <paramref name="first"/>, every later one <paramref name="later"/>.</summary>
    public void Rebind(string host, string first, string later) =>
        _answers[host] = lookup => [IPAddress.Parse(lookup == 1 ? first : later)];

    public int Lookups(string host) => _lookups.GetValueOrDefault(host);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var lookup = _lookups.AddOrUpdate(host, 1, (_, count) => count + 1);
        return _answers.TryGetValue(host, out var answer)
            ? Task.FromResult(answer(lookup))
            : Dns.GetHostAddressesAsync(host, cancellationToken);
    }
}
