using System.Globalization;

namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>
/// The hidden <c>fleet-worker</c> subcommand: one child process of the fleet benchmark running its share of the agents
/// (so no single client process holds every connection). It connects and links them, reports on stdout
/// (<see cref="FleetProtocol"/>), and reads the benchmark's orders on stdin until stdin closes.
/// </summary>
internal static class FleetWorker
{
    public static async Task<int> RunAsync(ReadOnlyMemory<string> args)
    {
        var settings = FleetWorkerSettings.Parse(args.Span);
        var assignments = (await File.ReadAllLinesAsync(settings.AssignmentsPath)).Where(l => l.Length > 0).Select(FleetAssignment.Parse).ToArray();
        var output = Console.Out;
        var counters = new FleetCounters(output);
        using var stop = new CancellationTokenSource();

        var agents = new FleetAgent?[assignments.Length];
        var connected = 0;
        using (var gate = new SemaphoreSlim(settings.ConnectConcurrency))
        {
            await Task.WhenAll(assignments.Select(async (assignment, i) =>
            {
                await gate.WaitAsync();
                try
                {
                    agents[i] = await FleetAgent.ConnectAsync(settings, assignment, counters);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Counted and shown; the benchmark then sees fewer agents connected than it asked for and says so.
                    counters.Failed("connect", e);
                    return;
                }
                finally
                {
                    gate.Release();
                }

                // Each agent runs as soon as it is linked, as agents installed earlier already are.
                _ = agents[i]!.HeartbeatAsync(stop.Token);
                _ = agents[i]!.HandleCommandsAsync(stop.Token);
                var count = Interlocked.Increment(ref connected);
                if (count % 100 == 0 || count == assignments.Length)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{FleetProtocol.Connected} {count}"));
                }
            }));
        }

        output.WriteLine(FleetProtocol.Ready);
        _ = ReportAsync(counters, stop.Token);
        CancellationTokenSource? syncing = null;
        while (await Console.In.ReadLineAsync() is { } order)
        {
            if (order == FleetProtocol.StartSyncing && syncing is null)
            {
                syncing = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                foreach (var agent in agents.OfType<FleetAgent>().Where(a => a.Syncing))
                {
                    _ = agent.SyncContinuouslyAsync(syncing.Token);
                }
            }
            else if (order == FleetProtocol.StopSyncing && syncing is not null)
            {
                await syncing.CancelAsync();
                syncing.Dispose();
                syncing = null;
            }
        }

        // Stdin closed: the benchmark is done (or gone). The connections end with the process.
        await stop.CancelAsync();
        return 0;
    }

    private static async Task ReportAsync(FleetCounters counters, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            counters.WriteTotals();
        }
    }
}
