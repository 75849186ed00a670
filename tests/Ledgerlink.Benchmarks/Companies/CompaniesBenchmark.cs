using System.Globalization;
using System.Net.Http.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;

namespace Ledgerlink.Benchmarks.Companies;

/// <summary>
/// What creating a company costs as its tenant grows: at each tenant size, <c>POST /companies</c> is timed in the same
/// interleaved rounds as a raw conditional blob create and a raw Azure Table insert (the floors a create stands on), and
/// one page of <c>GET /companies</c> beside them. A create whose cost grows with the tenant shows as a rising ratio.
/// </summary>
public sealed class CompaniesBenchmark : IBenchmark
{
    private const string ApiKey = TestApiKeys.IntegratorA;

    public string Name => "companies";

    public string Description => "company create latency as the tenant grows, vs raw blob and table writes in the same rounds, one silo on Azurite";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("sizes", "tenant sizes (companies already there) at which creates are timed (default 0,500,1000,2000)"),
        new("concurrency", "concurrent creators while timing (default 1: the latency of one create)"),
        new("seconds", "measured seconds per phase at each size (default 6)"),
        new("rounds", "interleaved rounds per size (default 3)"),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var sizes = arguments.WholeNumbers("sizes", 0, 0, 500, 1000, 2000);
        var concurrency = arguments.PositiveInt("concurrency", 1);
        var seconds = arguments.PositiveDouble("seconds", 6);
        var rounds = arguments.PositiveInt("rounds", 3);
        var slice = TimeSpan.FromSeconds(seconds / rounds);

        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var settings = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            // Per-request Information logs would dominate a create's cost; warnings and errors still show.
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        await using var silo = await RunningSilo.StartAsync(settings, cancellationToken);
        using var http = silo.CreateHttpClient(ApiKey);
        var blobs = azurite.CreateServiceClient().GetBlobContainerClient($"bench-raw-{Guid.NewGuid():N}"[..32]);
        await blobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient($"benchraw{Guid.NewGuid():N}"[..20]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var payload = BinaryData.FromBytes(new byte[1024]);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"companies benchmark: tenant sizes {string.Join(", ", sizes)}, {seconds:0.#} s per phase per size in {rounds} interleaved rounds, " +
            $"concurrency {concurrency}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, Azurite on port {azurite.Port}, " +
            $"load average {InterleavedPhases.LoadAverage()}"));

        var created = 0;
        var rows = new List<(int Size, PhaseResult Create, PhaseResult Blob, PhaseResult Table, PhaseResult List)>();
        foreach (var size in sizes)
        {
            if (size > created)
            {
                var filling = System.Diagnostics.Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(created, size - created),
                    new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                    async (i, ct) => await CreateCompanyAsync(http, $"Filler {i}", ct));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"filled the tenant from {created} to {size} companies in {filling.Elapsed.TotalSeconds:0.0} s (not timed)"));
                created = size;
            }

            var startedAt = created;
            (string Name, ClosedLoop Loop)[] phases =
            [
                ("HTTP create company", Loop((w, i, ct) => CreateCompanyAsync(http, $"Timed {size} {w} {i}", ct))),
                ("raw blob create (If-None-Match: *, 1 KiB)", Loop((w, i, ct) => blobs.GetBlobClient($"{size}/{w}/{i}").UploadAsync(
                    payload, new BlobUploadOptions { Conditions = new() { IfNoneMatch = ETag.All } }, ct))),
                ("raw table insert (one entity)", Loop((w, i, ct) => table.AddEntityAsync(
                    new TableEntity($"p{size}", $"{w}-{i}") { ["Name"] = "Raw" }, ct))),
                ("HTTP list companies (first page of 100)", Loop((_, _, ct) => ListAsync(http, ct))),
            ];
            var results = await InterleavedPhases.RunAsync(phases, rounds, TimeSpan.FromSeconds(0.5), slice, output, cancellationToken);
            created = await CountAsync(http, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tenant size {startedAt} (→ {created} after the timed creates):"));
            ResultTable.Write(output, results);
            output.WriteLine();
            rows.Add((startedAt, results[0], results[1], results[2], results[3]));
        }

        output.WriteLine("| tenant size | create p50 ms | create p99 ms | creates/s | raw blob create p50 ms | raw table insert p50 ms | create p50 ÷ raw blob create p50 | list p50 ms |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Size:N0} | {row.Create.P50Ms:0.0} | {row.Create.P99Ms:0.0} | {row.Create.PerSecond:0} | {row.Blob.P50Ms:0.0} | {row.Table.P50Ms:0.0} | {row.Create.P50Ms / row.Blob.P50Ms:0.00} | {row.List.P50Ms:0.0} |"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"create p50 at {rows[^1].Size:N0} companies ÷ at {rows[0].Size:N0}: {rows[^1].Create.P50Ms / rows[0].Create.P50Ms:0.00} " +
            $"(raw blob create, same rounds: {rows[^1].Blob.P50Ms / rows[0].Blob.P50Ms:0.00})"));
        output.WriteLine($"load average at the end: {InterleavedPhases.LoadAverage()}");
        ClosedLoop Loop(Func<int, long, CancellationToken, Task> operation) => new(concurrency, operation);
    }

    private static async Task CreateCompanyAsync(HttpClient http, string name, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/companies", UriKind.Relative), new { name }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /companies answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task ListAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/companies?page=1&pageSize=100", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static async Task<int> CountAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var page = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>(new Uri("/companies?page=1&pageSize=1", UriKind.Relative), cancellationToken);
        return page!["totalResults"]!.GetValue<int>();
    }
}
