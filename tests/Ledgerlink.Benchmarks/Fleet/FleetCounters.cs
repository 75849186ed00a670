using System.Globalization;

namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>
/// What a worker process reports to the benchmark on its standard output, one line each (<see cref="FleetProtocol"/>):
/// StartPull arrivals as they happen, heartbeat and pull totals once a second, and failures (the first few in full).
/// </summary>
internal sealed class FleetCounters(TextWriter output)
{
    private const int FailuresShown = 5;
    private long _heartbeats;
    private long _pulls;
    private long _syncingPulls;
    private long _failures;

    public void Heartbeat() => Interlocked.Increment(ref _heartbeats);

    /// <summary>A pull ran to completion: one a refresh asked for, or one of the syncing share's.</summary>
    public void PullCompleted(bool syncing) => Interlocked.Increment(ref syncing ? ref _syncingPulls : ref _pulls);

    public void Arrived(string pullOperationId, long stopwatchTimestamp) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{FleetProtocol.Arrived} {pullOperationId} {stopwatchTimestamp}"));

    public void Failed(string what, Exception e)
    {
        if (Interlocked.Increment(ref _failures) <= FailuresShown)
        {
            output.WriteLine($"{FleetProtocol.Failure} {what}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    public void WriteTotals() => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{FleetProtocol.Totals} {Interlocked.Read(ref _heartbeats)} {Interlocked.Read(ref _pulls)} {Interlocked.Read(ref _syncingPulls)} {Interlocked.Read(ref _failures)}"));
}
