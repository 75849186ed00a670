using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ledgerlink.Grains.Hosting;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>
/// Refreshes waiting for their agent on this silo: the Queued records of the companies active here (a queued pull
/// operation writes nothing and may not be active anywhere), with when they were asked for; a pull operation's first
/// move takes it off. Exported as <c>ledgerlink.refresh.queued</c> (how many) and <c>ledgerlink.refresh.queued.oldest_age</c>
/// (seconds the oldest has waited), the number to alert on when agents stop taking work. A company whose activation was
/// collected counts its queued refreshes again when it is next activated.
/// </summary>
public sealed class QueuedPulls
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _requested = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public QueuedPulls(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(LedgerlinkMeter.Name);
        meter.CreateObservableGauge("ledgerlink.refresh.queued", () => _requested.Count, "{sync}", "Pull operations on this silo waiting for their agent.");
        meter.CreateObservableGauge(
            "ledgerlink.refresh.queued.oldest_age", OldestAgeSeconds, "s", "How long the oldest queued pull operation on this silo has waited.");
    }

    public void Waiting(string pullOperationId, DateTimeOffset requested) => _requested[pullOperationId] = requested;

    public void NotWaiting(string pullOperationId) => _requested.TryRemove(pullOperationId, out _);

    public double OldestAgeSeconds()
    {
        var oldest = _requested.Values.DefaultIfEmpty(_time.GetUtcNow()).Min();
        return Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds);
    }
}
