using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>
/// A fleet of agents on one real silo process (on Azurite): N real TLS Orleans client connections, spread over worker
/// processes, each a linked connector with its own credential heartbeating at the production interval. The fleet grows
/// level by level (<c>--agents 1000,5000,10000</c>) on the same silo; at each level it measures, with nothing but
/// heartbeats running, the silo's working set and managed heap per connected agent and its CPU per heartbeat; then,
/// with a share of the agents syncing small companies continuously, refreshes sent to random idle agents: the refresh
/// API's latency and the command's latency from the request's send to the StartPull's arrival at the agent.
/// </summary>
public sealed class FleetBenchmark : IBenchmark
{
    private const string IntegratorKey = "bench-integrator-key-fleet-Hw6Pz2Kq8Vd";
    private const string OperatorKey = "bench-operator-key-fleet-Ny3Rb7Tc1Jm5";
    private const int SetUpConcurrency = 16;
    private const int ConnectConcurrency = 8;
    private static readonly TimeSpan ArrivalPatience = TimeSpan.FromSeconds(60);

    public string Name => "fleet";

    public string Description => "N agents connected to one silo: memory per agent, CPU per heartbeat, command-to-agent and refresh latency";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("agents", "fleet sizes measured in turn on one silo, comma separated (default 1000,5000,10000)"),
        new("processes", "worker processes holding the agents at the largest size (default one per 1,000 agents)"),
        new("syncing", "share of the agents syncing a small company continuously while commands are timed (default 1%)"),
        new("heartbeat", "heartbeat interval in seconds the silo gives its agents (default: the production default)"),
        new("seconds", "measured seconds of each window, idle and loaded (default 30)"),
        new("commands", "refreshes sent to random idle agents per second in the loaded window (default 10)"),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var levels = arguments.WholeNumbers("agents", 1, 1000, 5000, 10000);
        var largest = levels[^1];
        var processes = arguments.PositiveInt("processes", Math.Max(1, (largest + 999) / 1000));
        var perProcess = (largest + processes - 1) / processes;
        var syncingShare = arguments.Share("syncing") ?? 0.01;
        var productionHeartbeat = new LedgerlinkGrainOptions().HeartbeatInterval;
        var heartbeat = TimeSpan.FromSeconds(arguments.PositiveDouble("heartbeat", productionHeartbeat.TotalSeconds));
        var window = TimeSpan.FromSeconds(arguments.PositiveDouble("seconds", 30));
        var commandRate = arguments.PositiveDouble("commands", 10);
        var work = Path.Combine(Path.GetTempPath(), $"ledgerlink-fleet-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);

        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var settings = SiloProcess.Configure(azurite.ConnectionString, [
            new("Ledgerlink:Api:BootstrapKeys:0:Key", IntegratorKey), new("Ledgerlink:Api:BootstrapKeys:0:TenantId", "fleet"),
            new("Ledgerlink:Api:BootstrapKeys:0:Role", "Integrator"),
            new("Ledgerlink:Api:BootstrapKeys:1:Key", OperatorKey), new("Ledgerlink:Api:BootstrapKeys:1:TenantId", "ops"),
            new("Ledgerlink:Api:BootstrapKeys:1:Role", "Operator"),
            new("Ledgerlink:Grains:HeartbeatInterval", heartbeat.ToString("c", CultureInfo.InvariantCulture)),
            // Per-request and per-connection Information logs would be most of the silo's work; warnings and errors still show.
            new("Serilog:MinimumLevel:Default", "Warning"),
            // The whole fleet registers within minutes here; a real one arrives over months (the limit guards against a flood).
            new("Ledgerlink:Grains:RegistrationsPerMinute", "1000000"),
            // Every agent here connects from 127.0.0.1; a real fleet connects from as many addresses as offices.
            new("Ledgerlink:Clustering:GatewayConnectionsPerMinute", "1000000"),
            // No mail server in this benchmark: each new company's owner verification mail fails with a warning, which is not measured.
            new("Serilog:MinimumLevel:Override:Ledgerlink.Grains.Mail", "Error"),
            new("Serilog:MinimumLevel:Override:Ledgerlink.Grains.Companies.CompanyGrain", "Error"),
        ]);
        await using var silo = await SiloProcess.StartAsync(settings);
        using var integrator = HttpClientFor(silo, IntegratorKey);
        using var operatorView = HttpClientFor(silo, OperatorKey);
        var workers = new List<FleetWorkerProcess>();
        var arrivals = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var agents = new List<FleetAssignment>();
        var results = new List<FleetLevelResult>();
        try
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# fleet: agents {string.Join(", ", levels)}, {processes} worker processes of up to {perProcess:N0} agents, heartbeat {heartbeat.TotalSeconds:0.##} s " +
                $"(production default {productionHeartbeat.TotalSeconds:0.##} s), {syncingShare:0.##%} syncing, {window.TotalSeconds:0} s windows, {commandRate:0.#} refreshes/s, " +
                $".NET {Environment.Version}, {Environment.ProcessorCount} cores, {BuiltApplication.Configuration} build, silo pid {silo.Process.Id}, " +
                $"load average {InterleavedPhases.LoadAverage()}"));
            var started = await SiloReading.TakeAsync(silo.Process.Id, operatorView, cancellationToken);
            output.WriteLine($"silo started: {Describe(started)}");

            // What the silo burns with no agent at all (membership, timers, the scrape itself), to set against heartbeats.
            await Task.Delay(window, cancellationToken);
            var quiet = await SiloReading.TakeAsync(silo.Process.Id, operatorView, cancellationToken);
            var baselineCpuPerSecond = (quiet.CpuTime - started.CpuTime) / window.TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"silo with no agent: {baselineCpuPerSecond.TotalMilliseconds:0} ms CPU per second over {window.TotalSeconds:0} s, load average {InterleavedPhases.LoadAverage()}"));

            foreach (var level in levels)
            {
                var setUp = Stopwatch.StartNew();
                var added = await CreateCompaniesAsync(integrator, level - agents.Count, syncingShare, agents.Count, cancellationToken);
                var companiesCreated = setUp.Elapsed;
                agents.AddRange(added);
                workers.AddRange(await StartWorkersAsync(silo, added, perProcess, workers.Count, work, arrivals, output, cancellationToken));
                await WaitForConnectedAsync(operatorView, silo, level, cancellationToken);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"level {level:N0}: set-up {setUp.Elapsed.TotalSeconds:0} s ({added.Count:N0} companies created with link codes over the API in " +
                    $"{companiesCreated.TotalSeconds:0} s, then connected, registered, linked), load average {InterleavedPhases.LoadAverage()}"));

                // Idle: nothing but heartbeats (a full interval first, so every new agent's heartbeat has started).
                await Task.Delay(heartbeat, cancellationToken);
                var idleStart = await SiloReading.TakeAsync(silo.Process.Id, operatorView, cancellationToken);
                var heartbeatsStart = workers.Sum(w => w.Heartbeats);
                var idleClock = Stopwatch.StartNew();
                await Task.Delay(window, cancellationToken);
                var idleEnd = await SiloReading.TakeAsync(silo.Process.Id, operatorView, cancellationToken);
                var heartbeats = workers.Sum(w => w.Heartbeats) - heartbeatsStart;
                var idleWindow = idleClock.Elapsed;
                var idleLoad = InterleavedPhases.LoadAverage();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"level {level:N0} idle: {Describe(idleEnd)}, {heartbeats:N0} heartbeats in {idleWindow.TotalSeconds:0.0} s, " +
                    $"silo CPU {(idleEnd.CpuTime - idleStart.CpuTime).TotalSeconds:0.00} s in that window, load average {idleLoad}"));

                // Loaded: the syncing share syncs, refreshes go to random idle agents.
                foreach (var worker in workers)
                {
                    await worker.SendAsync(FleetProtocol.StartSyncing);
                }

                var syncPullsBefore = workers.Sum(w => w.SyncingPulls);
                var loadedClock = Stopwatch.StartNew();
                var (refreshMs, commandMs, deliveryMs, missing, refused) = await SendCommandsAsync(integrator, agents, window, commandRate, arrivals, cancellationToken);
                var syncPullsPerSecond = (workers.Sum(w => w.SyncingPulls) - syncPullsBefore) / loadedClock.Elapsed.TotalSeconds;
                foreach (var worker in workers)
                {
                    await worker.SendAsync(FleetProtocol.StopSyncing);
                }

                var loadedLoad = InterleavedPhases.LoadAverage();
                var result = new FleetLevelResult(level, started, results.Count > 0 ? results[^1] : null, baselineCpuPerSecond, idleStart, idleEnd, idleWindow,
                    heartbeats, workers.Sum(w => w.WorkingSetBytes), refreshMs, commandMs, deliveryMs, missing, refused, syncPullsPerSecond, workers.Sum(w => w.Failures), idleLoad, loadedLoad);
                results.Add(result);
                output.WriteLine(result.Summary());
                foreach (var line in workers.SelectMany(w => w.FailureLines).Take(5))
                {
                    output.WriteLine($"  worker: {line}");
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The largest fleet this machine holds is a finding: say where it stopped, and show what was measured.
            output.WriteLine($"STOPPED at {agents.Count:N0} agents: {e.GetType().Name}: {e.Message}");
            foreach (var line in workers.SelectMany(w => w.FailureLines).Take(10))
            {
                output.WriteLine($"  worker: {line}");
            }

            output.WriteLine(silo.Process.Tail(20));
        }
        finally
        {
            output.WriteLine();
            FleetLevelResult.WriteTable(output, results);
            output.WriteLine($"load average at the end: {InterleavedPhases.LoadAverage()}");
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by an exiting process; temp is cleaned by the OS.
            }
        }
    }

    private static string Describe(SiloReading reading) => string.Create(CultureInfo.InvariantCulture,
        $"working set {reading.WorkingSetBytes / 1048576.0:0} MiB, managed heap {reading.HeapBytes / 1048576.0:0} MiB after the last GC, " +
        $"{reading.ConnectedAgents:N0} agents connected, {reading.Activations:N0} activations, CPU {reading.CpuTime.TotalSeconds:0.0} s");

    private static HttpClient HttpClientFor(SiloProcess silo, string key)
    {
        var http = silo.CreateHttpClient(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key))));
        http.Timeout = TimeSpan.FromSeconds(120);
        return http;
    }

    /// <summary>Companies with a Sage 50 connection and a link code, as an integrator makes them; the first of every 1/share syncs.</summary>
    private static async Task<List<FleetAssignment>> CreateCompaniesAsync(
        HttpClient integrator, int count, double syncingShare, int offset, CancellationToken cancellationToken)
    {
        var created = new FleetAssignment[count];
        var every = Math.Max(1, (int)Math.Round(1 / syncingShare));
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = SetUpConcurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var company = await integrator.PostAsJsonAsync("/companies", new { name = $"Fleet {offset + i} Ltd", ownerEmail = "owner@example.com" }, ct);
            company.EnsureSuccessStatusCode();
            var companyId = (await company.Content.ReadFromJsonAsync<JsonNode>(ct))!["id"]!.GetValue<string>();
            using var connection = await integrator.PostAsJsonAsync($"/companies/{companyId}/connections", new { platformKey = "hbql" }, ct);
            connection.EnsureSuccessStatusCode();
            var linkCode = (await connection.Content.ReadFromJsonAsync<JsonNode>(ct))!["linkCode"]!.GetValue<string>();
            created[i] = new FleetAssignment(companyId, linkCode, (offset + i) % every == 0);
        });
        return [.. created];
    }

    private static async Task<List<FleetWorkerProcess>> StartWorkersAsync(SiloProcess silo, List<FleetAssignment> agents, int perProcess, int numbered,
        string work, ConcurrentDictionary<string, long> arrivals, TextWriter output, CancellationToken cancellationToken)
    {
        var started = new List<FleetWorkerProcess>();
        foreach (var chunk in agents.Chunk(perProcess))
        {
            var path = Path.Combine(work, $"worker-{numbered + started.Count}.tsv");
            await File.WriteAllLinesAsync(path, chunk.Select(a => a.ToLine()), cancellationToken);
            started.Add(FleetWorkerProcess.Start(new FleetWorkerSettings(silo.GatewayPort, silo.ServiceId, silo.ClusterId, path, ConnectConcurrency), arrivals));
        }

        // Progress every few seconds: connecting thousands of agents takes minutes on two cores.
        var all = Task.WhenAll(started.Select(w => w.Ready));
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(15), cancellationToken)) != all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.WriteLine($"  connecting: {started.Sum(w => w.Connected):N0} of {agents.Count:N0}, load average {InterleavedPhases.LoadAverage()}");
        }

        await all;
        return started;
    }

    /// <summary>The silo's own count (heartbeat or hello within the presence timeout) must reach the fleet's size.</summary>
    private static async Task WaitForConnectedAsync(HttpClient operatorView, SiloProcess silo, int expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var reading = await SiloReading.TakeAsync(silo.Process.Id, operatorView, cancellationToken);
            if (reading.ConnectedAgents >= expected)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"The silo counts {reading.ConnectedAgents:N0} agents connected, not {expected:N0}.");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>
    /// Open loop at <paramref name="rate"/>/s for <paramref name="window"/>: each refresh goes to an idle agent not
    /// commanded before in this window, chosen at random (so a small fleet gets fewer refreshes than rate x window: one
    /// per idle agent at most, since a second refresh of a data type still Fetching is refused). Returns the refresh answers' latencies, the commands'
    /// latencies (send → StartPull arrival at the agent), the delivery part of them (the refresh's answer → arrival) and how
    /// many never arrived within the patience; refreshes not answered 200 are counted by status (a silo too busy to answer
    /// in time is a finding at that size, not a reason to stop).
    /// </summary>
    private static async Task<(List<double> RefreshMs, List<double> CommandMs, List<double> DeliveryMs, int Missing, IReadOnlyDictionary<int, int> Refused)> SendCommandsAsync(
        HttpClient integrator,
        List<FleetAssignment> agents, TimeSpan window, double rate, ConcurrentDictionary<string, long> arrivals, CancellationToken cancellationToken)
    {
        var idle = agents.Where(a => !a.Syncing).ToArray();
        Random.Shared.Shuffle(idle);
        var sent = new ConcurrentDictionary<string, (long Send, long Answered)>(StringComparer.Ordinal);
        var refreshMs = new ConcurrentBag<double>();
        var refused = new ConcurrentDictionary<int, int>();
        var requests = new List<Task>();
        var count = Math.Min((int)(window.TotalSeconds * rate), idle.Length);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var target = idle[i];
            requests.Add(Task.Run(async () =>
            {
                var send = Stopwatch.GetTimestamp();
                using var response = await integrator.PostAsync(new Uri($"/companies/{target.CompanyId}/data/queue/customers", UriKind.Relative), null, cancellationToken);
                var answered = Stopwatch.GetTimestamp();
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    refused.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    return;
                }

                refreshMs.Add(Stopwatch.GetElapsedTime(send, answered).TotalMilliseconds);
                sent[JsonNode.Parse(body)!["id"]!.GetValue<string>()] = (send, answered);
            }, cancellationToken));
        }

        await Task.WhenAll(requests);
        var waited = Stopwatch.StartNew();
        while (sent.Keys.Any(id => !arrivals.ContainsKey(id)) && waited.Elapsed < ArrivalPatience)
        {
            await Task.Delay(50, cancellationToken);
        }

        var arrived = sent.Where(s => arrivals.ContainsKey(s.Key)).ToList();
        var commandMs = arrived.Select(s => Stopwatch.GetElapsedTime(s.Value.Send, arrivals[s.Key]).TotalMilliseconds).ToList();
        var deliveryMs = arrived.Select(s => Stopwatch.GetElapsedTime(s.Value.Answered, arrivals[s.Key]).TotalMilliseconds).ToList();
        return ([.. refreshMs], commandMs, deliveryMs, sent.Count - commandMs.Count, refused);
    }
}
