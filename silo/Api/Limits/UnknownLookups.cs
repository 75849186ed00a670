using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;

namespace Ledgerlink.Silo.Api.Limits;

/// <summary>
/// Keeps guessing cheap. Unknown API keys and link ids are remembered for a while (a negative cache, bounded in size),
/// so asking again costs no grain call; and each source address may make only so many lookups that turn out unknown per
/// minute, after which anything not already known is refused without a lookup. Together they bound the grain
/// activations and storage reads a flood of random keys or ids can cause, whatever their number.
/// </summary>
public sealed class UnknownLookups : IDisposable
{
    private readonly RequestLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknown = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<IPAddress> _misses;

    public UnknownLookups(RequestLimitOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _misses = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(
            address,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.UnknownLookupsPerAddressPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
    }

    /// <summary>True when <paramref name="key"/> (e.g. <c>key:&lt;hash&gt;</c>, <c>link:&lt;id&gt;</c>) was looked up lately and was unknown.</summary>
    public bool IsKnownUnknown(string key)
    {
        if (!_unknown.TryGetValue(key, out var until))
        {
            return false;
        }

        if (until > _time.GetUtcNow())
        {
            return true;
        }

        _unknown.TryRemove(key, out _);
        return false;
    }

    /// <summary>
    /// Whether <paramref name="address"/> may still make a lookup that could turn out unknown; when not, how long until
    /// it may. Looks at the budget without spending it: only a lookup that finds nothing spends (<see cref="RecordUnknown"/>).
    /// </summary>
    public bool MayLookUp(IPAddress? address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var statistics = _misses.GetStatistics(address ?? IPAddress.None);
        if (statistics is null || statistics.CurrentAvailablePermits > 0)
        {
            return true;
        }

        retryAfter = TimeSpan.FromMinutes(1);
        return false;
    }

    /// <summary>A lookup from <paramref name="address"/> found nothing for <paramref name="key"/>: remember it and spend budget.</summary>
    public void RecordUnknown(string key, IPAddress? address)
    {
        using var lease = _misses.AttemptAcquire(address ?? IPAddress.None);
        if (_unknown.Count >= _options.NegativeCacheSize)
        {
            Prune();
        }

        // When still full (a flood of distinct keys), the per-address budget is what bounds the lookups.
        if (_unknown.Count < _options.NegativeCacheSize)
        {
            _unknown[key] = _time.GetUtcNow() + _options.NegativeCacheLifetime;
        }
    }

    public void Dispose() => _misses.Dispose();

    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, until) in _unknown)
        {
            if (until <= now)
            {
                _unknown.TryRemove(key, out _);
            }
        }
    }
}
