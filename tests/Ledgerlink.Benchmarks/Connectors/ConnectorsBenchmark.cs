using System.Globalization;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Connectors;
using Ledgerlink.Diagnostics;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Benchmarks.Connectors;

/// <summary>
/// What one idle connector grain costs the silo in memory, apart from its agent's connection and the other grains an
/// agent keeps alive (the fleet benchmark measures them all together): in one process, an in-silo Orleans activation
/// of the diagnostics ping grain (the floor: an activation with no state) and registered connector grains (state read
/// and written through the blob grain storage, then idle), level by level; managed heap after a full collection,
/// divided by the activations added.
/// </summary>
public sealed class ConnectorsBenchmark : IBenchmark
{
    public string Name => "connectors";

    public string Description => "managed heap per idle connector grain vs a bare activation, one silo in process on Azurite";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("counts", "connector grains at each level, cumulative (default 1000,5000,10000)"),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var counts = arguments.WholeNumbers("counts", 1, 1000, 5000, 10000);
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var settings = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        await using var silo = await RunningSilo.StartAsync(settings, cancellationToken);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"connectors benchmark: levels {string.Join(", ", counts)}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"server GC {System.Runtime.GCSettings.IsServerGC}, load average {InterleavedPhases.LoadAverage()}"));

        // Warm up both paths (JIT, storage client, Orleans' directory) before the first measurement.
        await grains.GetGrain<IPingGrain>(-1).Ping(1);
        await grains.GetGrain<IConnectorGrain>("warm-up").Register(new AgentHello("BENCH-PC", "1.0.0", 1));

        var pings = 0;
        var connectors = 0;
        var rows = new List<string>();
        foreach (var level in counts)
        {
            var before = Heap();
            var added = Math.Max(0, level - pings);
            await Parallel.ForEachAsync(Enumerable.Range(pings, added), Concurrently(cancellationToken), async (i, _) => await grains.GetGrain<IPingGrain>(i).Ping(i));
            pings += added;
            var afterPings = Heap();

            var registered = Math.Max(0, level - connectors);
            await Parallel.ForEachAsync(Enumerable.Range(connectors, registered), Concurrently(cancellationToken), async (i, _) =>
            {
                var connector = grains.GetGrain<IConnectorGrain>(string.Create(CultureInfo.InvariantCulture, $"bench-connector-{i:D6}"));
                if (await connector.Register(new AgentHello(string.Create(CultureInfo.InvariantCulture, $"PC-{i}"), "1.0.0", 1000 + i)) is null)
                {
                    throw new InvalidOperationException($"connector {i} was already registered");
                }

                await connector.AddCompany(string.Create(CultureInfo.InvariantCulture, $"company-{i:D6}"));
            });
            connectors += registered;
            var afterConnectors = Heap();

            var live = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
            int Live(string type) => live.Where(g => g.GrainType.Contains(type, StringComparison.Ordinal)).Sum(g => g.ActivationCount);
            var perPing = added == 0 ? 0 : (afterPings - before) / (double)added;
            var perConnector = registered == 0 ? 0 : (afterConnectors - afterPings) / (double)registered;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {level:N0} | {Live("PingGrain"):N0} | {Live("ConnectorGrain"):N0} | {perPing / 1024:N2} | {perConnector / 1024:N2} | {(perPing > 0 ? perConnector / perPing : 0):N1} | {afterConnectors / 1048576.0:N1} | {InterleavedPhases.LoadAverage()} |");
            rows.Add(line);
            output.WriteLine(line);
        }

        output.WriteLine();
        output.WriteLine("| grains per kind | live ping activations | live connector activations | bare activation (ping), KiB each | idle connector grain, KiB each | connector ÷ bare | managed heap MiB | load average |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in rows)
        {
            output.WriteLine(row);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per level: the heap growth (after a full, compacting collection) over the activations that level added; the connector column is registered connector grains serving one company each, idle (no agent connected); load average at the end {InterleavedPhases.LoadAverage()}"));
    }

    private static ParallelOptions Concurrently(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken };

    private static long Heap()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
