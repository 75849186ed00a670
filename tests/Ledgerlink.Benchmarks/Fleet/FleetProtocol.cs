namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>The words of the lines between the fleet benchmark and its worker processes (stdout up, stdin down).</summary>
internal static class FleetProtocol
{
    /// <summary>The hidden subcommand a worker process runs.</summary>
    public const string WorkerCommand = "fleet-worker";

    /// <summary>Up: <c>connected &lt;count&gt;</c>, progress while agents connect and link.</summary>
    public const string Connected = "connected";

    /// <summary>Up: every agent of this worker is connected, linked and heartbeating.</summary>
    public const string Ready = "ready";

    /// <summary>Up: <c>arrived &lt;pull operation id&gt; &lt;Stopwatch timestamp&gt;</c> (monotonic, comparable across processes on one machine).</summary>
    public const string Arrived = "arrived";

    /// <summary>Up: <c>totals &lt;heartbeats&gt; &lt;refreshes' pulls completed&gt; &lt;syncing share's pulls completed&gt; &lt;failures&gt;</c>, once a second.</summary>
    public const string Totals = "totals";

    public const string Failure = "failure";

    /// <summary>Down: the syncing share starts pressing "Sync now".</summary>
    public const string StartSyncing = "sync";

    /// <summary>Down: the syncing share stops after its current round.</summary>
    public const string StopSyncing = "idle";
}
