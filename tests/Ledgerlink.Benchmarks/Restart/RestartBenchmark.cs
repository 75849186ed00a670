using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.EdgeAgent.LocalUi;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Benchmarks.Restart;

/// <summary>
/// "Restart connector" end to end: a real silo process over Azurite, a real agent (supervisor + worker) syncing a
/// company in small batches; each round presses Restart on the agent's UI (its POST) while a sync is Fetching and
/// times (1) until every sync the connector was running reads Cancelled over the integrator API, (2) until a new
/// worker says it is Online on the UI's status endpoint: a new <c>workerId</c> (a new host in the worker process, or a
/// new process when the restart falls back to one), so the old worker's host is gone and a new one said hello.
/// </summary>
public sealed class RestartBenchmark : IBenchmark
{
    private const string IntegratorKey = "bench-integrator-key-restart-Tq3Wm7Yc";
    private const string SupportKey = "bench-support-key-restart-Rb5Nh1Gv9Jx";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public string Name => "restart";

    public string Description => "agent restart from the UI press to all syncs cancelled and to the agent back online";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("restarts", "restarts to time (default 20)"),
        new("busy", "a CPU-bound process spins beside the agent for the whole run, as Sage does on a busy office PC", IsFlag: true),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var restarts = arguments.PositiveInt("restarts", 20);
        var busy = arguments.Has("busy");
        var work = Path.Combine(Path.GetTempPath(), $"ledgerlink-restart-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
            var settings = SiloProcess.Configure(azurite.ConnectionString, [
                new("Ledgerlink:Api:BootstrapKeys:0:Key", IntegratorKey), new("Ledgerlink:Api:BootstrapKeys:0:TenantId", "bench"),
                new("Ledgerlink:Api:BootstrapKeys:0:Role", "Integrator"),
                new("Ledgerlink:Api:BootstrapKeys:1:Key", SupportKey), new("Ledgerlink:Api:BootstrapKeys:1:TenantId", "support"),
                new("Ledgerlink:Api:BootstrapKeys:1:Role", "Support"),
                new("Ledgerlink:Grains:HeartbeatInterval", "00:00:01"),
            ]);
            await using var silo = await SiloProcess.StartAsync(settings);
            using var integrator = silo.CreateHttpClient(Basic(IntegratorKey));
            using var support = silo.CreateHttpClient(Basic(SupportKey));

            var sage = Path.Combine(work, "sage");
            var demo = new DemoCompanyOptions(DemoCompanySize.Small, Seed: 11);
            DemoCompanyGenerator.Generate(sage, demo);
            var (companyId, linkCode) = await CreateCompanyAsync(integrator, cancellationToken);

            var uiPort = AzuriteServer.FreeTcpPort();
            var agent = AgentProcess.For(silo, Path.Combine(work, "agent"), new Dictionary<string, string?>
            {
                ["Ledgerlink:Agent:Ui:Port"] = uiPort.ToString(CultureInfo.InvariantCulture),
                ["Ledgerlink:Agent:Ui:SageCompanyFile"] = Path.Combine(work, "COMPANY"),
                // Small batches keep a sync running long enough to be interrupted.
                ["Ledgerlink:Agent:BatchBytes"] = "1024",
            });
            await using var running = agent.Run();
            // As a browser: a page sets the install's token cookie, and the Restart form posts it back in its field.
            var cookies = new CookieContainer();
            using var ui = new HttpClient(new HttpClientHandler { CookieContainer = cookies })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{uiPort}/"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            var status = await WaitAsync(() => StatusAsync(ui), s => s["connection"]?.GetValue<string>() == "Online", "the agent online", running, cancellationToken);
            var connectorId = status["connectorId"]!.GetValue<string>();
            var link = await agent.LinkAsync(companyId, linkCode, sage, DemoCompanyOptions.ManagerUserName, demo.ManagerPassword);
            if (link.ExitCode != 0)
            {
                throw new InvalidOperationException($"link failed: {link.StandardError}");
            }

            using (var enable = await support.PutAsJsonAsync($"/support/connectors/{connectorId}/restart-link", new { enabled = true }, cancellationToken))
            {
                enable.EnsureSuccessStatusCode();
            }

            await WaitAsync(() => StatusAsync(ui), s => s["restartLinkEnabled"]?.GetValue<bool>() == true, "the restart link enabled", running, cancellationToken);
            using var spinner = busy ? CpuSpinner.Start() : null;

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# restart: {restarts} restarts, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {BuiltApplication.Configuration} build, company of {demo.TargetSplitCount:N0} splits, 1 KiB batches, " +
                $"{(busy ? "a CPU-bound process beside it" : "nothing else added")}, load average {InterleavedPhases.LoadAverage()}"));
            var cancelledMs = new List<double>();
            var onlineMs = new List<double>();
            for (var round = 1; round <= restarts; round++)
            {
                using (var refresh = await integrator.PostAsync(new Uri($"/companies/{companyId}/data/all", UriKind.Relative), null, cancellationToken))
                {
                    refresh.EnsureSuccessStatusCode();
                }

                var connector = await WaitAsync(() => support.GetFromJsonAsync<JsonNode>($"/support/connectors/{connectorId}", cancellationToken)!,
                    c => c!["runningSyncs"]!.AsArray().Any(s => s!["status"]!.GetValue<string>() == "Fetching"), "a sync Fetching", running, cancellationToken);
                var given = connector!["runningSyncs"]!.AsArray().Where(s => !s!["heldByPause"]!.GetValue<bool>()).Select(s => s!["id"]!.GetValue<string>()).ToArray();
                var before = await StatusAsync(ui);
                var beforeWorker = before["workerId"]!.GetValue<string>();

                var clock = Stopwatch.StartNew();
                using (var press = await ui.PostAsync(new Uri("/restart", UriKind.Relative), await RestartFormAsync(ui, cookies, cancellationToken), cancellationToken))
                {
                    press.EnsureSuccessStatusCode();
                }

                // A sync may complete between the lookup and the press: "all cancelled" is every one of them ended.
                var cancelled = 0;
                foreach (var datasetId in given)
                {
                    var ended = await WaitAsync(() => integrator.GetFromJsonAsync<JsonNode>($"/companies/{companyId}/data/history/{datasetId}", cancellationToken)!,
                        o => o!["status"]!.GetValue<string>() is not ("Queued" or "Fetching"), $"sync {datasetId} ended", running, cancellationToken);
                    cancelled += ended!["status"]!.GetValue<string>() == "Cancelled" ? 1 : 0;
                }

                cancelledMs.Add(clock.Elapsed.TotalMilliseconds);
                var after = await WaitAsync(() => StatusAsync(ui), s => s["connection"]?.GetValue<string>() == "Online" && s["workerId"]?.GetValue<string>() != beforeWorker,
                    "a new worker online", running, cancellationToken);
                onlineMs.Add(clock.Elapsed.TotalMilliseconds);
                var how = after["processId"]!.GetValue<int>() == before["processId"]!.GetValue<int>() ? "a new host in the worker process" : "a new worker process";
                if (running.Lines.Any(l => l.Contains("crashed", StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"A worker crashed instead of restarting.\n{running.Tail()}");
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {cancelled} of {given.Length} syncs cancelled (the rest had completed), all ended after {cancelledMs[^1]:0} ms, agent online after {onlineMs[^1]:0} ms ({how}, worker {after["workerId"]!.GetValue<string>()})"));
            }

            output.WriteLine();
            output.WriteLine("| from the Restart press (UI POST) to | median ms | p99 ms | min ms | max ms | restarts |");
            output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            Row(output, "every running sync Cancelled (integrator API)", cancelledMs);
            Row(output, "a new worker Online (agent UI status)", onlineMs);
            output.WriteLine($"load average at the end: {InterleavedPhases.LoadAverage()}");
        }
        finally
        {
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

    private static void Row(TextWriter output, string what, List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {Percentile(sorted, 0.50):0} | {Percentile(sorted, 0.99):0} | {sorted[0]:0} | {sorted[^1]:0} | {sorted.Length} |"));
    }

    /// <summary>Nearest-rank percentile; over 20 samples p99 is the slowest.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static AuthenticationHeaderValue Basic(string key) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key)));

    /// <summary>The company id (licence key) and the link code of its new connection.</summary>
    private static async Task<(string CompanyId, string LinkCode)> CreateCompanyAsync(HttpClient integrator, CancellationToken cancellationToken)
    {
        using var created = await integrator.PostAsJsonAsync("/companies", new { name = "Restart Benchmark Ltd", ownerEmail = "owner@example.com" }, cancellationToken);
        created.EnsureSuccessStatusCode();
        var companyId = (await created.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["id"]!.GetValue<string>();
        using var connection = await integrator.PostAsJsonAsync($"/companies/{companyId}/connections", new { platformKey = "hbql" }, cancellationToken);
        connection.EnsureSuccessStatusCode();
        return (companyId, (await connection.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["linkCode"]!.GetValue<string>());
    }

    private static async Task<JsonNode> StatusAsync(HttpClient ui)
    {
        try
        {
            return await ui.GetFromJsonAsync<JsonNode>("/api/status") ?? new JsonObject();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new JsonObject();
        }
    }

    /// <summary>Polls every 10 ms: the figure measured is a latency, so the poll must be much finer than it.</summary>
    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, ChildProcess agent, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException($"Waited {Patience} for {what}.\n{agent.Tail()}");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>The Restart form as the agent's page sends it: the install's token from the cookie a page set.</summary>
    private static async Task<FormUrlEncodedContent> RestartFormAsync(HttpClient ui, CookieContainer cookies, CancellationToken cancellationToken)
    {
        if (cookies.GetCookies(ui.BaseAddress!)[UiToken.CookieName] is not { } cookie)
        {
            using var page = await ui.GetAsync(new Uri("/", UriKind.Relative), cancellationToken);
            page.EnsureSuccessStatusCode();
            cookie = cookies.GetCookies(ui.BaseAddress!)[UiToken.CookieName]
                ?? throw new InvalidOperationException("The agent's page set no UI token cookie.");
        }

        return new FormUrlEncodedContent([new(UiToken.FieldName, cookie.Value)]);
    }
}
