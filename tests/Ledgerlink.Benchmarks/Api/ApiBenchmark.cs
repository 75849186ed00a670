using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Diagnostics;
using Ledgerlink.EdgeAgent.Cluster;
using Ledgerlink.Security;
using Ledgerlink.Silo.Hosting;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ledgerlink.Benchmarks.Api;

/// <summary>
/// The integrator API's hot write, refresh one data type (<c>POST /companies/{id}/data/queue/{dataType}</c>), over real
/// HTTP to the real silo application (Kestrel on loopback, Orleans, blob grain storage on Azurite), next to what it is
/// built from at the same concurrency: raw grain calls (from inside the silo, as the API makes them; an outside client
/// may call only the agent contract) and raw conditional blob writes. A read over HTTP (get company) separates HTTP + authentication from the
/// refresh's storage work.
/// </summary>
/// <remarks>
/// A refresh performs 4 grain calls (API key lookup, company get, company queue-refresh, pull-operation create), activates
/// one new grain (a storage read that finds nothing) and makes 2 conditional blob writes, one after the other (the new
/// pull operation with If-None-Match: *, then the company with If-Match). Each of those three storage calls is measured
/// raw too, so the refresh's latency can be set against the sum of its storage round trips. Every request must answer 2xx: each one
/// refreshes a (company, data type) pair never refreshed before, from companies created before timing starts.
/// </remarks>
public sealed class ApiBenchmark : IBenchmark
{
    private const string ApiKey = "benchmark-integrator-key-Gz4Qw8Nt2Lm6";
    private const int RawBlobBytes = 1024;

    public string Name => "api";

    public string Description => "refresh-one-data-type requests/s over HTTP vs raw grain calls and raw blob writes, one silo on Azurite";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("seconds", "measured seconds per phase (default 10; 2 with --quick)"),
        new("concurrency", "concurrent clients (default 8)"),
        new("companies", "companies created before timing; x14 data types = refreshes available (default 300)"),
        new("rounds", "phases run interleaved in this many slices of seconds/rounds each (default 5; 2 with --quick)"),
        new("quick", "short run: 2 s phases, 0.5 s warm-up", IsFlag: true),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var quick = arguments.Has("quick");
        var seconds = arguments.PositiveDouble("seconds", quick ? 2 : 10);
        var concurrency = arguments.PositiveInt("concurrency", 8);
        var companies = arguments.PositiveInt("companies", 300);
        var rounds = arguments.PositiveInt("rounds", quick ? 2 : 5);
        var warmup = TimeSpan.FromSeconds(quick ? 0.5 : Math.Min(2, seconds / 5));
        var slice = TimeSpan.FromSeconds(seconds / rounds);

        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var settings = SiloSettings(azurite.ConnectionString);
        // The API is measured, not its rate limits: every request comes from one address with one key.
        var silo = SiloApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(settings.Concat(SiloProcess.LenientLimits())));
        await silo.StartAsync(cancellationToken);
        var rawContainer = azurite.CreateServiceClient().GetBlobContainerClient($"bench-raw-{Guid.NewGuid():N}"[..32]);
        try
        {
            await rawContainer.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            using var http = HttpClientFor(silo, concurrency);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"api benchmark: {seconds:0.#} s per phase in {rounds} interleaved rounds after {warmup.TotalSeconds:0.#} s warm-up, " +
                $"concurrency {concurrency}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, silo at {http.BaseAddress}, " +
                $"Azurite on port {azurite.Port} (started, on disk), " +
                $"load average {InterleavedPhases.LoadAverage()}"));
            output.WriteLine($"preparing: {companies} companies with a Sage 50 connection...");
            var preparing = System.Diagnostics.Stopwatch.StartNew();
            var targets = await RefreshTargets.CreateAsync(http, companies, concurrency, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared in {preparing.Elapsed.TotalSeconds:0.0} s"));

            var inSilo = silo.Services.GetRequiredService<IGrainFactory>();
            var payload = BinaryData.FromBytes(new byte[RawBlobBytes]);
            var updated = new UpdatedBlobs(rawContainer, concurrency, payload);
            await updated.CreateAsync(cancellationToken);
            (string Name, ClosedLoop Loop)[] phases =
            [
                ("grain call, in silo (PingGrain, as the API calls grains)", Loop((w, i, _) => PingAsync(inSilo, w, i))),
                ("HTTP get company (auth + 2 grain calls, no writes)", Loop((w, i, ct) => GetCompanyAsync(http, targets.Company(w + (int)i), ct))),
                ("raw blob read of a missing blob (404, as a new grain's activation)", Loop((w, i, ct) => ReadMissingBlobAsync(rawContainer, $"missing/{w}/{i}", ct))),
                ("raw blob create (If-None-Match: *, 1 KiB)", Loop((w, i, ct) => CreateBlobAsync(rawContainer, $"{w}/{i}", payload, ct))),
                ("raw blob update (If-Match, 1 KiB)", Loop(updated.UpdateAsync)),
                ("HTTP refresh one data type (POST data/queue)", Loop((_, _, ct) => RefreshAsync(http, targets.NextPath(), ct))),
            ];
            ClosedLoop Loop(Func<int, long, CancellationToken, Task> operation) => new(concurrency, operation);

            // All phases in one rotation: the refresh is compared with the storage calls it is made of, so they must
            // see the same Azurite and the same load from the rest of the machine.
            var results = await InterleavedPhases.RunAsync(phases, rounds, warmup, slice, output, cancellationToken);
            output.WriteLine();
            ResultTable.Write(output, results);
            output.WriteLine();
            WriteRatios(output, results);
            output.WriteLine();
            output.WriteLine($"refresh pairs used (warm-up included): {targets.Used:N0} of {targets.Capacity:N0}");
            var stored = await WriteStateSizesAsync(output, azurite, settings["Ledgerlink:Storage:GrainStateContainer"]!, cancellationToken);
            output.WriteLine(stored == targets.Used
                ? $"every refresh answered 200 left its record in its company's stored state ({stored:N0})"
                : $"MISMATCH: {stored:N0} refresh records stored for {targets.Used:N0} refreshes sent");
            output.WriteLine($"load average at the end: {InterleavedPhases.LoadAverage()}");
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
            await silo.DisposeAsync();
            await rawContainer.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }
    }

    private static Dictionary<string, string?> SiloSettings(string storageConnectionString)
    {
        var id = $"bench-{Guid.NewGuid():N}"[..20];
        return new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Ledgerlink:ClusterId"] = id,
            ["Ledgerlink:ServiceId"] = id,
            ["Ledgerlink:Clustering:SiloPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["Ledgerlink:Clustering:GatewayPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["Ledgerlink:Storage:ConnectionString"] = storageConnectionString,
            ["Ledgerlink:Storage:GrainStateContainer"] = $"{id}-state",
            ["Ledgerlink:Storage:DatasetContainer"] = $"{id}-data",
            ["Ledgerlink:Logging:Directory"] = Path.Combine(Path.GetTempPath(), "ledgerlink-bench-logs"),
            // Per-request Information logs (request log, "queued") would fill the console; warnings and errors still show.
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Orleans.Runtime.Silo"] = "Warning",
            ["Ledgerlink:Api:BootstrapKeys:0:Key"] = ApiKey,
            ["Ledgerlink:Api:BootstrapKeys:0:TenantId"] = "benchmark",
            ["Ledgerlink:Api:BootstrapKeys:0:Role"] = "Integrator",
            ["Ledgerlink:Tls:CertificatePath"] = TestCertificates.SiloPfxPath,
            ["Ledgerlink:Tls:CertificatePassword"] = TestCertificates.SiloPfxPassword,
            ["Ledgerlink:Tls:CaCertificatePath"] = TestCertificates.CaCertificatePath,
        };
    }

    private static HttpClient HttpClientFor(WebApplication silo, int concurrency)
    {
        var addresses = silo.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(handler) { BaseAddress = new Uri(addresses.Addresses.First()), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey)));
        return http;
    }

    private static async Task PingAsync(IGrainFactory grains, int worker, long iteration)
    {
        var value = (int)(iteration & 0xFFFF);
        if (await grains.GetGrain<IPingGrain>(worker).Ping(value) != value)
        {
            throw new InvalidOperationException("PingGrain answered another value.");
        }
    }

    private static async Task GetCompanyAsync(HttpClient http, string companyId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"/companies/{companyId}", UriKind.Relative), cancellationToken);
        await EnsureAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    private static async Task RefreshAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content: null, cancellationToken);
        var operation = await EnsureAsync(response, HttpStatusCode.OK, cancellationToken);
        if (operation["status"]?.GetValue<string>() != "Queued")
        {
            throw new InvalidOperationException($"POST {path} returned a pull operation that is not Queued: {operation.ToJsonString()}");
        }
    }

    private static async Task<JsonNode> EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == expected
            ? JsonNode.Parse(text)!
            : throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {text}");
    }

    private static Task CreateBlobAsync(BlobContainerClient container, string name, BinaryData payload, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).UploadAsync(
            payload, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);

    private static async Task ReadMissingBlobAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            throw new InvalidOperationException($"Blob {name} exists; it should not.");
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            // What the grain storage provider sees when a new grain (the pull operation) activates.
        }
    }

    /// <summary>Blobs overwritten with If-Match on the last ETag, as the company grain's state is; each worker owns its own.</summary>
    private sealed class UpdatedBlobs(BlobContainerClient container, int workers, BinaryData payload)
    {
        private const int PerWorker = 32;
        private readonly ETag[] _etags = new ETag[workers * PerWorker];

        public async Task CreateAsync(CancellationToken cancellationToken)
        {
            for (var target = 0; target < _etags.Length; target++)
            {
                _etags[target] = await UploadAsync(target, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);
            }
        }

        public async Task UpdateAsync(int worker, long iteration, CancellationToken cancellationToken)
        {
            var target = worker + ((int)(iteration % PerWorker) * workers);
            _etags[target] = await UploadAsync(target, new BlobRequestConditions { IfMatch = _etags[target] }, cancellationToken);
        }

        private async Task<ETag> UploadAsync(int target, BlobRequestConditions conditions, CancellationToken cancellationToken)
        {
            var response = await container.GetBlobClient($"updated/{target}")
                .UploadAsync(payload, new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return response.Value.ETag;
        }
    }

    private static void WriteRatios(TextWriter output, List<PhaseResult> results)
    {
        PhaseResult Phase(string prefix) => results.First(r => r.Name.StartsWith(prefix, StringComparison.Ordinal));
        var refresh = Phase("HTTP refresh");
        var write = Phase("raw blob create");
        var update = Phase("raw blob update");
        // A refresh makes one storage round trip: the company's conditional update (before, also a new pull operation's
        // missing read and create; those phases stay for comparison with earlier runs).
        var storageP50 = update.P50Ms;
        var storageCpu = update.ProcessCpuMicrosecondsPerOperation;
        output.WriteLine("| ratio | value |");
        output.WriteLine("| --- | ---: |");
        foreach (var (name, value) in new[]
        {
            ("refresh/s ÷ grain calls/s (in silo)", refresh.PerSecond / Phase("grain call, in silo").PerSecond),
            ("refresh/s ÷ raw conditional blob writes/s (create)", refresh.PerSecond / write.PerSecond),
            ("refresh/s ÷ raw conditional blob writes/s (update)", refresh.PerSecond / update.PerSecond),
            ("refresh/s ÷ HTTP get company/s", refresh.PerSecond / Phase("HTTP get company").PerSecond),
            ("refresh p50 ms", refresh.P50Ms),
            ("refresh p99 ms ÷ raw blob update p99 ms", refresh.P99Ms / update.P99Ms),
            ("its storage round trip, p50 ms: one update (the company's write)", storageP50),
            ("that storage p50 ÷ refresh p50", storageP50 / refresh.P50Ms),
            ("refresh CPU µs/op ÷ CPU µs of its 1 raw storage call", refresh.ProcessCpuMicrosecondsPerOperation / storageCpu),
        })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {value:0.000} |"));
        }
    }

    /// <summary>What a refresh writes: the grain-state blobs by grain type, so the payloads can be compared with the raw 1 KiB.</summary>
    /// <returns>How many refresh records the stored company states hold (a queued refresh's only durable copy).</returns>
    private static async Task<int> WriteStateSizesAsync(TextWriter output, AzuriteServer azurite, string containerName, CancellationToken cancellationToken)
    {
        var sizes = new Dictionary<string, List<long>>();
        var records = 0;
        var container = azurite.CreateServiceClient().GetBlobContainerClient(containerName);
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var kind = KindOf(blob.Name);
            if (kind.StartsWith("company", StringComparison.Ordinal))
            {
                var content = (await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content;
                records += JsonNode.Parse(content.ToString()) is JsonObject state
                    && state.FirstOrDefault(p => string.Equals(p.Key, "Operations", StringComparison.OrdinalIgnoreCase)).Value is JsonArray operations
                    ? operations.Count
                    : 0;
            }

            if (!sizes.TryGetValue(kind, out var list))
            {
                sizes[kind] = list = [];
            }

            list.Add(blob.Properties.ContentLength ?? 0);
        }

        output.WriteLine("grain state blobs: " + string.Join("; ", sizes.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Key} ×{s.Value.Count} avg {s.Value.Average():N0} B"))));
        return records;
    }

    private static string KindOf(string blobName)
    {
        var segments = blobName.Split('/');
        return segments.Length > 1 ? string.Join('/', segments[..^1]) : blobName.Split('-', '_', '.')[0];
    }
}
