using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.EdgeAgent.Sync;
using Ledgerlink.Testing;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Benchmarks.Sync;

/// <summary>
/// A full sync of a large demo company, end to end through real processes (agent → silo → Azurite), next to the two
/// stages it cannot beat, measured in the same run on the same data: (a) reading the records from the SQLite company
/// through the readers, and (b) uploading the same compressed bytes as blocks straight to Azurite, one at a time as
/// the agent sends them. If reading, compressing and sending overlap, the sync runs at nearly the slower of the two.
/// With <c>--tls both</c> (the default) the end-to-end sync runs with TLS on the agent's connection and without, in
/// alternating order over <c>--rounds</c>, and the cost of TLS is printed as the ratio of the two throughputs.
/// </summary>
public sealed class SyncBenchmark : IBenchmark
{
    private const string OperatorKey = "bench-operator-key-Hy7Cv3Bn9Mq5Wr1K";

    private const string ApiKey = "bench-integrator-key-Ks2Fj8Dl4Pz6Xe0";

    public string Name => "sync";

    public string Description => "full sync of a generated Sage 50 company, end to end, vs raw SQLite read and raw blob upload";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("splits", "size of the generated company in AUDIT_SPLIT rows (default 1000000; cached under .data/)"),
        new("tls", "on, off or both (default both: TLS on vs off in the same run, with the ratio)"),
        new("rounds", "end-to-end syncs per TLS setting, alternating on/off (default 1); with --odbc, reads per way"),
        new("odbc", "instead of the end-to-end sync: read the company directly from SQLite vs through ODBC (unixODBC + SQLite ODBC driver), same run", IsFlag: true),
        new("incremental", "instead: a full sync, then a share of the company changed (e.g. 0.1%), then an incremental sync; time and bytes of incremental / full, same run"),
        new("then-full", "with --incremental: then a full sync again (fullSync=true) on the version the delta removed records from, timed against the first", IsFlag: true),
        new("agent-log", "with --incremental: a folder to keep the agent's log files in (timestamped to the millisecond: where the incremental sync's time goes)"),
        new("index-modify-dates", "with --incremental, a what-if: index RECORD_MODIFY_DATE of AUDIT_HEADER, AUDIT_SPLIT, AUDIT_JOURNAL and AUDIT_USAGE in the copy first, as if Sage's driver answered modify-date ranges from an index (whether it does is unknown)", IsFlag: true),
        new("concurrent-pulls", "with --incremental: the agent's Ledgerlink:Agent:MaxConcurrentPulls (default: the agent's own, 2)"),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var splits = arguments.PositiveInt("splits", 1_000_000);
        var tls = arguments.Choice("tls", "both", "on", "off", "both");
        var rounds = arguments.PositiveInt("rounds", 1);
        bool[] settings = tls switch { "on" => [true], "off" => [false], _ => [true, false] };
        var location = EnsureCompany(splits, output);
        if (arguments.Has("odbc"))
        {
            await output.WriteLineAsync($"Sync benchmark --odbc: {splits:N0}-split company, {rounds} round(s) per way, .NET {Environment.Version}, " +
                                        $"{Environment.ProcessorCount} cores, {BuiltApplication.Configuration} build, load average {InterleavedPhases.LoadAverage()}");
            await OdbcReadComparison.RunAsync(location, rounds, output, cancellationToken);
            return;
        }

        if (arguments.Share("incremental") is { } share)
        {
            await output.WriteLineAsync($"Sync benchmark --incremental {share:P2}: {splits:N0}-split company, .NET {Environment.Version}, " +
                                        $"{Environment.ProcessorCount} cores, {BuiltApplication.Configuration} build, load average {InterleavedPhases.LoadAverage()}");
            var how = new IncrementalSyncComparison.Variant(
                arguments.Has("then-full"), arguments.Text("agent-log"), arguments.Has("index-modify-dates"),
                arguments.Has("concurrent-pulls") ? arguments.PositiveInt("concurrent-pulls", 2) : null);
            await IncrementalSyncComparison.RunAsync(location, splits, share, how, output, cancellationToken);
            return;
        }

        await output.WriteLineAsync($"Sync benchmark: {splits:N0}-split company, TLS {tls}, {rounds} round(s), .NET {Environment.Version}, " +
                                    $"{Environment.ProcessorCount} cores, {BuiltApplication.Configuration} build, load average {InterleavedPhases.LoadAverage()}");

        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var syncs = settings.ToDictionary(on => on, _ => new List<(double Seconds, long Records)>());
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which setting goes first, so a machine that gets busier or quieter favours neither.
            foreach (var on in round % 2 == 0 ? settings : settings.Reverse())
            {
                var sync = await EndToEndAsync(azurite, location, output, on, cancellationToken);
                syncs[on].Add(sync);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1}, TLS {(on ? "on" : "off")}: {sync.Seconds:N1} s, {sync.Records:N0} records, load average {InterleavedPhases.LoadAverage()}"));
            }
        }

        var read = await ReadAsync(location, cancellationToken);
        var upload = await UploadAsync(azurite, read.Batches, cancellationToken);

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"way",-44} {"seconds",8} {"records/s",10} {"MB/s",7}");
        foreach (var on in settings)
        {
            Row(table, $"end to end, TLS {(on ? "on " : "off")}: agent → silo → Azurite", Median(syncs[on]), read.Records, read.JsonBytes);
        }

        Row(table, "(a) read through the Sage 50 readers", read.Seconds, read.Records, read.JsonBytes);
        Row(table, "(b) raw block upload of the same batches", upload, read.Records, read.JsonBytes);
        await output.WriteLineAsync(table.ToString());
        var slower = Math.Max(read.Seconds, upload);
        var fastest = settings.Min(on => Median(syncs[on]));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"records {read.Records:N0} (sync committed {syncs[settings[0]][0].Records:N0}); JSON {read.JsonBytes / 1e6:N1} MB; compressed {read.CompressedBytes / 1e6:N1} MB " +
            $"in {read.Batches.Count:N0} batches; bytes per record: {(double)read.CompressedBytes / read.Records:N1} compressed vs {(double)read.JsonBytes / read.Records:N1} plain JSON " +
            $"({(double)read.JsonBytes / read.CompressedBytes:N1}x)"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ratio end-to-end / slower of (a),(b): {slower / fastest:N2} (MB/s of the JSON; 1 = the sync runs at the speed of its slowest stage)"));
        if (settings.Length == 2)
        {
            var on = Median(syncs[true]);
            var off = Median(syncs[false]);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"TLS: throughput on / off = {off / on:N3} ({read.JsonBytes / 1e6 / on:N1} vs {read.JsonBytes / 1e6 / off:N1} MB/s of JSON; " +
                $"cost {(on / off - 1) * 100:N1}% in time); load average {InterleavedPhases.LoadAverage()}"));
        }
    }

    private static double Median(List<(double Seconds, long Records)> runs)
    {
        var sorted = runs.Select(r => r.Seconds).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Row(StringBuilder table, string name, double seconds, long records, long bytes) =>
        table.AppendLine(CultureInfo.InvariantCulture, $"{name,-44} {seconds,8:N1} {records / seconds,10:N0} {bytes / 1e6 / seconds,7:N1}");

    internal static Sage50CompanyLocation EnsureCompany(int splits, TextWriter output)
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, ".data", $"bench-sync-{splits}");
        var stamp = Path.Combine(folder, "generated.txt");
        // The stamp names the generator version, so a company cached by an older generator is made again.
        var content = string.Create(CultureInfo.InvariantCulture, $"{splits} splits, seed 3, generator {BundledDemoCompany.GeneratorVersion}\n");
        if (!File.Exists(stamp) || File.ReadAllText(stamp) != content)
        {
            output.WriteLine($"Generating a {splits:N0}-split demo company in {folder} (once; cached)...");
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            DemoCompanyGenerator.Generate(folder, new DemoCompanyOptions(splits, Seed: 3));
            File.WriteAllText(stamp, content);
        }

        return new Sage50CompanyLocation(folder, DemoCompanyOptions.ManagerUserName, "demo");
    }

    private static async Task<(double Seconds, long Records)> EndToEndAsync(
        AzuriteServer azurite, Sage50CompanyLocation location, TextWriter output, bool tls, CancellationToken cancellationToken)
    {
        var settings = SiloProcess.Configure(azurite.ConnectionString, [
            new("Ledgerlink:Api:BootstrapKeys:0:Key", ApiKey),
            new("Ledgerlink:Api:BootstrapKeys:0:TenantId", "bench"),
            new("Ledgerlink:Api:BootstrapKeys:0:Role", "Integrator"),
            new("Ledgerlink:Api:BootstrapKeys:1:Key", OperatorKey),
            new("Ledgerlink:Api:BootstrapKeys:1:TenantId", "operators"),
            new("Ledgerlink:Api:BootstrapKeys:1:Role", "Operator"),
            new("Ledgerlink:Tls:Enabled", tls ? "true" : "false"),
        ]);
        await using var silo = await SiloProcess.StartAsync(settings);
        using var http = silo.CreateHttpClient(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey))));
        var companyId = (await PostAsync(http, "/companies", new { name = "Bench Joinery Ltd", ownerEmail = "bench@example.com" }))["id"]!.GetValue<string>();
        var linkCode = (await PostAsync(http, $"/companies/{companyId}/connections", new { platformKey = "hbql" }))["linkCode"]!.GetValue<string>();

        var agentFolder = Path.Combine(Path.GetTempPath(), $"ledgerlink-bench-agent-{Guid.NewGuid():N}");
        var agent = AgentProcess.For(silo, agentFolder, new Dictionary<string, string?> { ["Ledgerlink:Agent:Tls:Enabled"] = tls ? "true" : "false" });
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, linkCode, location.DataDirectory, location.UserName, location.Password);
        if (link.ExitCode != 0)
        {
            throw new InvalidOperationException($"link failed: {link.StandardError}");
        }

        using var operators = silo.CreateHttpClient(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(OperatorKey))));
        var callsBefore = await GrainCallsAsync(operators, cancellationToken);
        await output.WriteLineAsync($"End to end, TLS {(tls ? "on" : "off")}: refreshing every data type...");
        var clock = Stopwatch.StartNew();
        using (var refresh = await http.PostAsync(new Uri($"/companies/{companyId}/data/all", UriKind.Relative), null, cancellationToken))
        {
            refresh.EnsureSuccessStatusCode();
        }

        JsonNode status;
        var timeline = new SyncTimeline();
        while (true)
        {
            status = JsonNode.Parse(await http.GetStringAsync(new Uri($"/companies/{companyId}/dataStatus", UriKind.Relative), cancellationToken))!;
            var states = DataTypeNames.All.Select(t => status[t]!["currentStatus"]!.GetValue<string>()).ToArray();
            timeline.Observe(clock.Elapsed, DataTypeNames.All.Zip(states));
            if (states.All(s => s is not ("Queued" or "Fetching")))
            {
                break;
            }

            // Polling another process's progress: 250 ms is the resolution of a measurement of a minute or more. Each
            // poll costs the silo an HTTP request and grain calls per data type, on the two cores the sync runs on
            // (1,239 polls during one 93 s sync at 50 ms).
            await Task.Delay(250, cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await output.WriteAsync(timeline.Describe());
        await ReportGrainCallsAsync(output, callsBefore, await GrainCallsAsync(operators, cancellationToken));
        long records = 0;
        foreach (var dataType in DataTypeNames.All)
        {
            var operation = JsonNode.Parse(await http.GetStringAsync(
                new Uri($"/companies/{companyId}/data/history/{status[dataType]!["latestSyncId"]!.GetValue<string>()}", UriKind.Relative), cancellationToken))!;
            if (operation["status"]!.GetValue<string>() != "Complete")
            {
                throw new InvalidOperationException($"{dataType} ended {operation["status"]}: {operation}\n{running.Tail()}");
            }

            records += operation["recordCount"]!.GetValue<long>();
        }

        try
        {
            Directory.Delete(agentFolder, recursive: true);
        }
        catch (IOException)
        {
            // Logs still open while the agent is reaped.
        }

        return (seconds, records);
    }

    private static async Task<(double Seconds, long Records, long JsonBytes, long CompressedBytes, List<(string DataType, byte[] Payload)> Batches)> ReadAsync(
        Sage50CompanyLocation location, CancellationToken cancellationToken)
    {
        // (a) timed: reading alone, as the agent's first stage does it (records into NDJSON chunks of the agent's size).
        var factory = new SqliteSage50DataSourceFactory();
        var chunkBytes = new Ledgerlink.EdgeAgent.Configuration.AgentOptions().BatchBytes;
        var clock = Stopwatch.StartNew();
        long records = 0, jsonBytes = 0;
        foreach (var dataType in DataTypeNames.All)
        {
            await using var source = await factory.OpenAsync(location, cancellationToken);
            await foreach (var chunk in NdjsonChunker.ChunkAsync(Sage50Readers.Default.For(dataType).ReadAsync(source, cancellationToken), 0, chunkBytes, cancellationToken))
            {
                records += chunk.RecordCount;
                jsonBytes += chunk.Length;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;

        // Not timed: the same batches, compressed as the agent compresses them, for the upload baseline.
        var batches = new List<(string, byte[])>();
        long compressed = 0;
        foreach (var dataType in DataTypeNames.All)
        {
            await using var source = await factory.OpenAsync(location, cancellationToken);
            long sequence = 0;
            await foreach (var chunk in NdjsonChunker.ChunkAsync(Sage50Readers.Default.For(dataType).ReadAsync(source, cancellationToken), 0, chunkBytes, cancellationToken))
            {
                var batch = BatchCompressor.Compress(sequence++, chunk);
                batches.Add((dataType, batch.Payload));
                compressed += batch.Payload.Length;
            }
        }

        return (seconds, records, jsonBytes, compressed, batches);
    }

    private static async Task<double> UploadAsync(AzuriteServer azurite, List<(string DataType, byte[] Payload)> batches, CancellationToken cancellationToken)
    {
        // (b) one block at a time per dataset and one commit per data type, as the silo stages and commits them.
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueContainerName("bench"));
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var clock = Stopwatch.StartNew();
        foreach (var group in batches.GroupBy(b => b.DataType))
        {
            var blob = container.GetBlockBlobClient($"{group.Key}.ndjson.gz");
            var ids = new List<string>();
            foreach (var (_, payload) in group)
            {
                var id = Convert.ToBase64String(BitConverter.GetBytes((long)ids.Count));
                using var content = new MemoryStream(payload, writable: false);
                await blob.StageBlockAsync(id, content, cancellationToken: cancellationToken);
                ids.Add(id);
            }

            await blob.CommitBlockListAsync(ids, cancellationToken: cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await container.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        return seconds;
    }

    private static async Task<Dictionary<string, long>> GrainCallsAsync(HttpClient operators, CancellationToken cancellationToken) =>
        JsonNode.Parse(await operators.GetStringAsync(new Uri("/operator/grain-calls", UriKind.Relative), cancellationToken))!
            .AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>(), StringComparer.Ordinal);

    /// <summary>Grain calls the silo received during the sync, per batch the agent sent (from the silo's own tally).</summary>
    private static async Task ReportGrainCallsAsync(TextWriter output, Dictionary<string, long> before, Dictionary<string, long> after)
    {
        var during = after.ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key), StringComparer.Ordinal);
        var batches = during.Where(c => c.Key.EndsWith("IAgentGatewayGrain.AppendBatch", StringComparison.Ordinal)).Sum(c => c.Value);
        var behindGateway = during.Where(c => c.Key.EndsWith("IPullOperationGrain.AppendBatch", StringComparison.Ordinal)).Sum(c => c.Value);
        if (batches == 0)
        {
            return;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  grain calls per batch: {(double)behindGateway / batches:N2} behind the gateway (pull operation AppendBatch; {batches:N0} batches); " +
            $"all grain calls during the sync per batch: {(double)during.Values.Sum() / batches:N2}"));
        foreach (var (method, count) in during.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Take(8))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    {count,8:N0}  {method}"));
        }
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }
}
