using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Grains.Storage;
using Ledgerlink.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Storage;

namespace Ledgerlink.Benchmarks.Storage;

/// <summary>
/// Grain-state throughput of the official Azure blob provider as we configure it (<see cref="GrainStorageSetup"/>) against Azurite, next to the raw Azure.Storage.Blobs calls it
/// is built on (same blob size, same conditions, same concurrency), so the provider's own cost shows as a ratio.
/// </summary>
/// <remarks>
/// Three ways in, each measured for updates, reads and creates where it applies:
/// raw SDK (UploadAsync with If-Match / If-None-Match: *, DownloadContentAsync);
/// the provider called directly (serialization + the same blob calls);
/// a grain calling WriteStateAsync / ReadStateAsync (adds the Orleans call path; reads always go to storage).
/// Each worker owns its own blobs and grains, so there are no ETag conflicts by construction; any error is reported.
/// </remarks>
public sealed class StorageBenchmark : IBenchmark
{
    private const string DirectStateName = "direct";
    private const int TargetStateBytes = 1024;

    public string Name => "storage";

    public string Description => "grain-state writes/s and reads/s through the blob provider vs raw blob calls, on Azurite";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("seconds", "measured seconds per phase (default 10; 2 with --quick)"),
        new("concurrency", "concurrent callers (default 16)"),
        new("grains", "grains / blobs per way in, shared out among callers (default max(256, 4 x concurrency))"),
        new("rounds", "phases run interleaved in this many slices of seconds/rounds each (default 5; 2 with --quick)"),
        new("quick", "short run: 2 s phases, 0.5 s warm-up", IsFlag: true),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var quick = arguments.Has("quick");
        var seconds = arguments.PositiveDouble("seconds", quick ? 2 : 10);
        var concurrency = arguments.PositiveInt("concurrency", 16);
        var perWorker = (int)Math.Ceiling(arguments.PositiveInt("grains", Math.Max(256, 4 * concurrency)) / (double)concurrency);
        var targets = perWorker * concurrency;
        var warmup = TimeSpan.FromSeconds(quick ? 0.5 : Math.Min(2, seconds / 5));
        var rounds = arguments.PositiveInt("rounds", quick ? 2 : 5);
        var slice = TimeSpan.FromSeconds(seconds / rounds);

        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var containerName = $"bench-{Guid.NewGuid():N}"[..32];
        var container = azurite.CreateServiceClient().GetBlobContainerClient(containerName);
        using var silo = BuildSilo(azurite.ConnectionString, containerName);
        await silo.StartAsync(cancellationToken);
        try
        {
            var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var serializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(silo.Services);
            var state = StateOfAbout(TargetStateBytes, serializer);
            // The raw calls store exactly the bytes the provider stores for that state.
            var content = serializer.Serialize(state);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"storage benchmark: {seconds:0.#} s per phase in {rounds} interleaved rounds after {warmup.TotalSeconds:0.#} s warm-up, " +
                $"concurrency {concurrency}, " +
                $"{targets} grains/blobs per way in, state {content.ToMemory().Length} bytes, {Environment.ProcessorCount} cores, " +
                $".NET {Environment.Version}, Azurite on port {azurite.Port} (started, on disk), " +
                $"load average {InterleavedPhases.LoadAverage()}"));

            var raw = new RawBlobs(container, targets, content);
            var direct = new DirectStates(storage, targets, state);
            var probes = Enumerable.Range(0, targets).Select(i => grains.GetGrain<IStorageBenchGrain>(i)).ToArray();
            output.WriteLine("preparing: creating blobs, provider states and grain states...");
            await ForEachAsync(targets, concurrency, raw.CreateAsync, cancellationToken);
            await ForEachAsync(targets, concurrency, direct.CreateAsync, cancellationToken);
            await ForEachAsync(targets, concurrency, (i, _) => probes[i].Write(state), cancellationToken);

            int Target(int worker, long iteration) => worker + (int)(iteration % perWorker) * concurrency;
            (string Name, ClosedLoop Loop)[] steady =
            [
                ("raw update (If-Match)", Loop((w, i, ct) => raw.UpdateAsync(Target(w, i), ct))),
                ("provider update (WriteStateAsync, ETag)", Loop((w, i, _) => direct.UpdateAsync(Target(w, i)))),
                ("grain update (grain call + WriteStateAsync)", Loop((w, i, _) => probes[Target(w, i)].Write(state))),
                ("raw read (DownloadContentAsync)", Loop((w, i, ct) => raw.ReadAsync(Target(w, i), ct))),
                ("provider read (ReadStateAsync)", Loop((w, i, _) => direct.ReadAsync(Target(w, i)))),
                ("grain read (grain call + ReadStateAsync)", Loop((w, i, _) => probes[Target(w, i)].Reload())),
            ];
            (string Name, ClosedLoop Loop)[] growing =
            [
                ("raw create (If-None-Match: *)", Loop((w, i, ct) => raw.CreateNewAsync($"{w}-{i}", ct))),
                ("provider create (WriteStateAsync, no ETag)", Loop((w, i, _) => direct.CreateNewAsync($"{w}-{i}"))),
            ];
            ClosedLoop Loop(Func<int, long, CancellationToken, Task> operation) => new(concurrency, operation);

            // Creates run after the rest: they grow Azurite's data set, and its persistence work after them would
            // otherwise land on whichever phase happens to follow.
            var results = await InterleavedPhases.RunAsync(steady, rounds, warmup, slice, output, cancellationToken);
            results.AddRange(await InterleavedPhases.RunAsync(growing, rounds, warmup, slice, output, cancellationToken));
            output.WriteLine();
            ResultTable.Write(output, results);
            output.WriteLine();
            WriteRatios(output, results);
            output.WriteLine($"load average at the end: {InterleavedPhases.LoadAverage()}");
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
            await container.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }
    }

    private static IHost BuildSilo(string connectionString, string containerName)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(
                siloPort: AzuriteServer.FreeTcpPort(),
                gatewayPort: AzuriteServer.FreeTcpPort(),
                serviceId: "ledgerlink-bench",
                clusterId: "ledgerlink-bench")
            .AddLedgerlinkGrainStorage(connectionString, containerName));
        return builder.Build();
    }

    // Other work on the machine skews every figure; the 1/5/15-minute load average is printed with them.
    /// <summary>A state whose serialized form is about <paramref name="bytes"/> long.</summary>
    private static BenchState StateOfAbout(int bytes, IGrainStorageSerializer serializer)
    {
        var overhead = serializer.Serialize(new BenchState { Version = 1 }).ToMemory().Length;
        return new BenchState { Version = 1, Body = new string('x', Math.Max(0, bytes - overhead)) };
    }

    private static Task ForEachAsync(int count, int concurrency, Func<int, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) => await action(i, ct));

    private static void WriteRatios(TextWriter output, List<PhaseResult> results)
    {
        double Rate(string prefix) => results.First(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).PerSecond;
        output.WriteLine("| ratio | update | read | create |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| provider / raw | {Rate("provider update") / Rate("raw update"):0.00} | {Rate("provider read") / Rate("raw read"):0.00} | " +
            $"{Rate("provider create") / Rate("raw create"):0.00} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| grain / raw | {Rate("grain update") / Rate("raw update"):0.00} | {Rate("grain read") / Rate("raw read"):0.00} | - |"));
        output.WriteLine();

        // Azurite, not this process, is the bottleneck on a small machine, so ops/s ratios hide the provider's own cost;
        // the CPU this process spends per call shows it.
        double Cpu(string prefix) =>
            results.First(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).ProcessCpuMicrosecondsPerOperation;
        output.WriteLine("| our CPU per call, µs | update | read | create |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var way in new[] { "raw", "provider", "grain" })
        {
            var create = way == "grain" ? "-" : Cpu($"{way} create").ToString("N0", CultureInfo.InvariantCulture);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {way} | {Cpu($"{way} update"):N0} | {Cpu($"{way} read"):N0} | {create} |"));
        }
    }

    /// <summary>Plain Azure.Storage.Blobs calls with the conditions the provider uses, tracking ETags per blob.</summary>
    private sealed class RawBlobs(BlobContainerClient container, int count, BinaryData content)
    {
        private readonly BlobClient[] _blobs = Enumerable.Range(0, count).Select(i => container.GetBlobClient($"raw/{i}")).ToArray();
        private readonly ETag[] _etags = new ETag[count];

        public async Task CreateAsync(int target, CancellationToken cancellationToken) =>
            _etags[target] = await UploadAsync(_blobs[target], new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);

        public async Task UpdateAsync(int target, CancellationToken cancellationToken) =>
            _etags[target] = await UploadAsync(_blobs[target], new BlobRequestConditions { IfMatch = _etags[target] }, cancellationToken);

        public async Task ReadAsync(int target, CancellationToken cancellationToken)
        {
            var download = await _blobs[target].DownloadContentAsync(cancellationToken);
            _etags[target] = download.Value.Details.ETag;
        }

        public Task CreateNewAsync(string name, CancellationToken cancellationToken) =>
            UploadAsync(container.GetBlobClient($"raw-new/{name}"), new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);

        private async Task<ETag> UploadAsync(BlobClient blob, BlobRequestConditions conditions, CancellationToken cancellationToken)
        {
            var response = await blob.UploadAsync(content, new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return response.Value.ETag;
        }
    }

    /// <summary>The provider called directly, as the Orleans runtime calls it, one grain state object per target.</summary>
    private sealed class DirectStates(IGrainStorage storage, int count, BenchState state)
    {
        private readonly GrainId[] _ids = Enumerable.Range(0, count).Select(i => IdOf($"direct-{i}")).ToArray();
        private readonly GrainState<BenchState>[] _states = Enumerable.Range(0, count).Select(_ => new GrainState<BenchState>(state)).ToArray();

        public Task CreateAsync(int target, CancellationToken cancellationToken) => UpdateAsync(target);

        public Task UpdateAsync(int target) => storage.WriteStateAsync(DirectStateName, _ids[target], _states[target]);

        public Task ReadAsync(int target) => storage.ReadStateAsync(DirectStateName, _ids[target], _states[target]);

        public Task CreateNewAsync(string name) =>
            storage.WriteStateAsync(DirectStateName, IdOf($"new-{name}"), new GrainState<BenchState>(state));

        private static GrainId IdOf(string key) => GrainId.Create("storagebench", key);
    }
}
