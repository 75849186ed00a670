using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ledgerlink.Grains.Hosting;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>
/// Refreshes waiting for their agent on this silo: pull operations active here and still Queued, with when they were
/// asked for. Exported as <c>ledgerlink.refresh.queued</c> (how many) and <c>ledgerlink.refresh.queued.oldest_age</c>
/// (seconds the oldest has waited), the number to alert on when agents stop taking work. A queued pull whose activation
/// was collected (its agent offline for long) is counted again when it is next activated.
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

    /// <summary>Counts the operation while it exists and is Queued, and stops counting it otherwise.</summary>
    public void Track(string pullOperationId, PullOperationState operation)
    {
        if (operation.Exists && operation.Status == Ledgerlink.PullOperations.PullOperationStatus.Queued)
        {
            Waiting(pullOperationId, operation.Requested);
        }
        else
        {
            NotWaiting(pullOperationId);
        }
    }

    public double OldestAgeSeconds()
    {
        var oldest = _requested.Values.DefaultIfEmpty(_time.GetUtcNow()).Min();
        return Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds);
    }
}
