using System.Threading.RateLimiting;
using Ledgerlink.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Security;

/// <summary>
/// Bounds how many connectors one silo registers per minute, per calling client and in all: registration is the one
/// agent call that needs no credential, so it must not become a way to fill storage with connectors.
/// </summary>
public sealed class RegistrationLimiter(IOptions<LedgerlinkGrainOptions> options) : IDisposable
{
    private readonly int _perMinute = options.Value.RegistrationsPerMinute;
    private readonly PartitionedRateLimiter<string> _perCaller = PartitionedRateLimiter.Create<string, string>(caller =>
        RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = 5,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    private readonly FixedWindowRateLimiter _all = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = options.Value.RegistrationsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    });

    public int PerMinute => _perMinute;

    public bool TryAcquire(string caller)
    {
        using var own = _perCaller.AttemptAcquire(caller);
        if (!own.IsAcquired)
        {
            return false;
        }

        using var all = _all.AttemptAcquire();
        return all.IsAcquired;
    }

    public void Dispose()
    {
        _perCaller.Dispose();
        _all.Dispose();
    }
}
