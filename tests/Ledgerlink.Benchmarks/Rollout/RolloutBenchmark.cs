using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Updates;
using Ledgerlink.Releases;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Benchmarks.Rollout;

/// <summary>
/// Publish to every agent on the new version: a real silo process over Azurite and N real supervised agents
/// (<c>ledgerlink-agent run</c>), each linked to its own small demo company. Each run an operator publishes a new signed
/// release rolled out to all through the operator API; the clock runs from the publish request's answer until the silo
/// has heard every agent's hello as the new version (its "connected (agent V)" line) and support's connector view shows
/// each one online on it. The agent is built once (<see cref="AgentBuild"/>, framework-dependent) as the first run's
/// version; later runs' versions are that build with the version patched in place (same length), packed again.
/// </summary>
public sealed partial class RolloutBenchmark : IBenchmark
{
    private const string Archive = "linux-x64.tar.gz";
    private const int FirstPatch = 101;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ProductionHeartbeat = TimeSpan.FromSeconds(5);

    public string Name => "rollout";

    public string Description => "publish a release to all N agents online on the new version";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("agents", "supervised agents, each with its own company (default 3)"),
        new("runs", "releases published one after another (default 10)"),
        new("heartbeat", "the silo's heartbeat interval in seconds (default 5, the production interval)"),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var agentCount = arguments.PositiveInt("agents", 3);
        var runs = arguments.PositiveInt("runs", 10);
        if (runs > 899)
        {
            throw new BenchmarkUsageException("At most 899 runs: the versions 1.0.101 ... 1.0.999 keep one length.");
        }

        var heartbeat = TimeSpan.FromSeconds(arguments.PositiveDouble("heartbeat", ProductionHeartbeat.TotalSeconds));
        var work = Path.Combine(Path.GetTempPath(), $"ledgerlink-rollout-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            output.WriteLine($"# rollout: load average at the start {InterleavedPhases.LoadAverage()}");
            var build = await AgentBuild.PublishAsync(Version(1));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# agent built once: dotnet publish edge-agent -c {BuiltApplication.Configuration} -p:Version={build.Version} (framework-dependent) in {build.BuildTime.TotalSeconds:0.0} s; " +
                $"runs 2..{runs} patch that build's version in place (1.0.102 ...)"));

            var (privateKey, publicKey) = ReleaseSigning.CreateKey();
            await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
            var settings = SiloProcess.Configure(azurite.ConnectionString, [
                .. TestApiKeys.Settings(),
                new("Ledgerlink:Releases:PublicKey", publicKey),
                new("Ledgerlink:Grains:HeartbeatInterval", heartbeat.ToString("c", CultureInfo.InvariantCulture)),
            ]);
            await using var silo = await SiloProcess.StartAsync(settings);
            using var integrator = silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.IntegratorA));
            using var support = silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Support));
            using var operators = silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Operator));

            var agents = new List<BenchAgent>();
            try
            {
                for (var i = 0; i < agentCount; i++)
                {
                    agents.Add(await StartLinkedAgentAsync(silo, integrator, support, publicKey, Path.Combine(work, $"agent-{i + 1}"), i, cancellationToken));
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"# {agentCount} agents (supervisor + worker processes) linked and online, each on a demo company of {DemoCompanySize.Small:N0} splits; " +
                    $"heartbeat interval {Seconds(heartbeat)} ({(heartbeat == ProductionHeartbeat ? "the production interval" : $"shortened; production is {Seconds(ProductionHeartbeat)}")}); " +
                    $".NET {Environment.Version}, {Environment.ProcessorCount} cores"));
                output.WriteLine();

                var allMs = new List<double>();
                var agentMs = agents.Select(_ => new List<double>()).ToArray();
                var viewMs = new List<double>();
                var downloaded = agents.Select(_ => new List<long>()).ToArray();
                var phases = new List<Timeline>();
                var packageBytes = new List<long>();
                for (var run = 1; run <= runs; run++)
                {
                    var version = Version(run);
                    var package = await TestReleases.PackAsync(TestReleases.CopyAgentWithVersion(build.Folder, Path.Combine(work, $"release-{version}"), version));
                    packageBytes.Add(package.Length);
                    var siloLinesBefore = silo.Process.Lines.Count;
                    var agentLinesBefore = agents.Select(a => a.Process.Lines.Count).ToArray();
                    await TestReleases.PublishAsync(operators, privateKey, version, new Dictionary<string, byte[]> { [Archive] = package }, new { kind = "All" });
                    var clock = Stopwatch.StartNew();

                    var timelines = await WatchAsync(silo, siloLinesBefore, agents, agentLinesBefore, version, clock, cancellationToken);
                    var heard = timelines.Select(t => t.Hello!.Value).ToArray();
                    phases.AddRange(timelines);
                    foreach (var agent in agents)
                    {
                        await UntilAsync(() => OnlineOnAsync(support, agent.ConnectorId, version, cancellationToken), $"support's view of {agent.ConnectorId} on {version}",
                            Patience, () => agent.Process.Tail(), cancellationToken);
                    }

                    var view = clock.Elapsed.TotalMilliseconds;
                    allMs.Add(heard.Max());
                    viewMs.Add(view);
                    for (var i = 0; i < agents.Count; i++)
                    {
                        agentMs[i].Add(heard[i]);
                    }

                    // Untimed: the supervisors record the version as current before the next release arrives.
                    foreach (var (agent, i) in agents.Select((a, i) => (a, i)))
                    {
                        await UntilAsync(() => Task.FromResult(new VersionFolders(agent.DataFolder).Load().Current == version), $"{agent.ConnectorId} to record {version} as current",
                            Patience, () => agent.Process.Tail(), cancellationToken);
                        downloaded[i].Add(DownloadedBytes(agent.Process, version));
                    }

                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"run {run}: {version} ({package.Length:N0} bytes) on all {agents.Count} agents after {heard.Max():0} ms (support's view confirmed at {view:0} ms); " +
                        $"per agent {string.Join(", ", heard.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture)))} ms; " +
                        $"downloaded {string.Join(", ", downloaded.Select(d => d[^1].ToString("N0", CultureInfo.InvariantCulture)))} bytes"));
                }

                output.WriteLine();
                output.WriteLine("| from the publish request's answer to | median ms | p99 ms | min ms | max ms | runs |");
                output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
                Row(output, $"all {agents.Count} agents' hello as the new version (silo)", allMs);
                Row(output, "support's connector view shows all of them online on it", viewMs);
                for (var i = 0; i < agents.Count; i++)
                {
                    Row(output, $"agent {i + 1}'s hello as the new version", agentMs[i]);
                }

                output.WriteLine();
                output.WriteLine($"Where the time goes, each agent's own log lines as they arrived ({phases.Count} updates: runs x agents):");
                output.WriteLine();
                output.WriteLine("| phase | median ms | p99 ms | min ms | max ms | updates |");
                output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
                Row(output, "publish answered → installing (the offer heard in a heartbeat answer)", Seen(phases, t => t.Installing));
                Row(output, "installing → downloaded (manifest checked, archive in 1 MiB chunks through the gateway)", Seen(phases, t => t.Downloaded - t.Installing));
                Row(output, "downloaded → handed over (hash checked, unpacked, no sync to wait for)", Seen(phases, t => t.HandedOver - t.Downloaded));
                Row(output, "handed over → hello as the new version (old worker exits, supervisor starts the new one)", Seen(phases, t => t.Hello - t.HandedOver));
                output.WriteLine();
                // Each run's package differs by a few bytes (gzip of a patched assembly): compare like with like, run by run.
                var perAgent = downloaded.Select(d => d.Average()).ToArray();
                var ratios = downloaded.Select(d => d.Select((bytes, run) => (double)bytes / packageBytes[run]).Max()).ToArray();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bytes each agent downloaded per update (its own count of the chunks the gateway served it, every try included), mean over the runs: " +
                    $"{string.Join(", ", perAgent.Select(b => b.ToString("N0", CultureInfo.InvariantCulture)))}; the package ({Archive}) is {packageBytes.Average():N0} bytes on average " +
                    $"(largest downloaded / package of any agent and run: {ratios.Max():0.000}); plus the signed manifest (GetRelease), under 1 KiB"));
                output.WriteLine($"load average at the end: {InterleavedPhases.LoadAverage()}");
            }
            finally
            {
                foreach (var agent in agents)
                {
                    await agent.Process.DisposeAsync();
                }
            }
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

    /// <summary>1.0.101, 1.0.102, ...: always newer than the built 0.1.0 and than the run before, and all one length.</summary>
    private static string Version(int run) => $"1.0.{FirstPatch + run - 1}";

    private static string Seconds(TimeSpan interval) => string.Create(CultureInfo.InvariantCulture, $"{interval.TotalSeconds:0.###} s");

    private static async Task<BenchAgent> StartLinkedAgentAsync(
        SiloProcess silo, HttpClient integrator, HttpClient support, string publicKey, string folder, int index, CancellationToken cancellationToken)
    {
        var sage = Path.Combine(folder, "sage");
        var demo = new DemoCompanyOptions(DemoCompanySize.Small, Seed: 31 + index);
        DemoCompanyGenerator.Generate(sage, demo);
        using var created = await integrator.PostAsJsonAsync("/companies", new { name = $"Rollout Benchmark {index + 1} Ltd", ownerEmail = "owner@example.com" }, cancellationToken);
        created.EnsureSuccessStatusCode();
        var companyId = (await created.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["id"]!.GetValue<string>();
        using var connection = await integrator.PostAsJsonAsync($"/companies/{companyId}/connections", new { platformKey = "hbql" }, cancellationToken);
        connection.EnsureSuccessStatusCode();
        var linkCode = (await connection.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["linkCode"]!.GetValue<string>();

        var data = Path.Combine(folder, "data");
        var agent = AgentProcess.For(silo, data, new Dictionary<string, string?>
        {
            ["Ledgerlink:Agent:Ui:Port"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["Ledgerlink:Agent:Ui:SageCompanyFile"] = Path.Combine(folder, "COMPANY"),
            ["Ledgerlink:Agent:Releases:PublicKey"] = publicKey,
        });
        var running = agent.Run();
        try
        {
            var identity = Path.Combine(data, "identity.json");
            await UntilAsync(() => Task.FromResult(File.Exists(identity)), "the agent to register", Patience, () => running.Tail(), cancellationToken);
            var connectorId = JsonNode.Parse(await File.ReadAllTextAsync(identity, cancellationToken))!["connectorId"]!.GetValue<string>();
            var link = await agent.LinkAsync(companyId, linkCode, sage, DemoCompanyOptions.ManagerUserName, demo.ManagerPassword);
            if (link.ExitCode != 0)
            {
                throw new InvalidOperationException($"link failed: {link.StandardError}");
            }

            // Online, and no sync running: an update waits for running syncs, which is not what this measures.
            await UntilAsync(async () =>
            {
                var view = await ConnectorAsync(support, connectorId, cancellationToken);
                return view?["online"]?.GetValue<bool>() == true && view["companies"]!.AsArray().Count == 1 && view["runningSyncs"]!.AsArray().Count == 0;
            }, "the agent online with its company and no sync running", Patience, () => running.Tail(), cancellationToken);
            return new BenchAgent(connectorId, data, running);
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Watches the silo's and the agents' output as it arrives (no calls to the silo) until the silo has logged every
    /// agent's hello as <paramref name="version"/>; on the way notes, per agent, when it started installing (it heard the
    /// offer in a heartbeat answer), finished downloading and handed over to its supervisor.
    /// </summary>
    private static async Task<Timeline[]> WatchAsync(
        SiloProcess silo, int siloSkip, List<BenchAgent> agents, int[] agentSkips, string version, Stopwatch clock, CancellationToken cancellationToken)
    {
        var timelines = agents.Select(_ => new Timeline()).ToArray();
        var siloRead = siloSkip;
        var agentRead = agentSkips.ToArray();
        while (timelines.Any(t => t.Hello is null))
        {
            var now = clock.Elapsed.TotalMilliseconds;
            var lines = silo.Process.Lines.Skip(siloRead).ToArray();
            siloRead += lines.Length;
            foreach (var line in lines)
            {
                if (ConnectedLine().Match(line) is { Success: true } match && match.Groups["version"].Value == version
                    && agents.FindIndex(a => a.ConnectorId == match.Groups["connector"].Value) is var index and >= 0)
                {
                    timelines[index].Hello ??= now;
                }
            }

            for (var i = 0; i < agents.Count; i++)
            {
                var own = agents[i].Process.Lines.Skip(agentRead[i]).ToArray();
                agentRead[i] += own.Length;
                foreach (var line in own.Where(l => l.Contains(version, StringComparison.Ordinal)))
                {
                    if (line.Contains("Update: installing version", StringComparison.Ordinal))
                    {
                        timelines[i].Installing ??= now;
                    }
                    else if (line.Contains("Update: downloaded", StringComparison.Ordinal))
                    {
                        timelines[i].Downloaded ??= now;
                    }
                    else if (line.Contains("unpacked; leaving for the supervisor", StringComparison.Ordinal))
                    {
                        timelines[i].HandedOver ??= now;
                    }
                }
            }

            if (clock.Elapsed > Patience)
            {
                var late = agents.Where((_, i) => timelines[i].Hello is null).First();
                throw new TimeoutException($"Waited {Patience} for {late.ConnectorId} on {version}.\n{late.Process.Tail()}\n{silo.Process.Tail()}");
            }

            // A latency of seconds is measured: 10 ms polling of in-memory lists is much finer and costs the silo nothing.
            await Task.Delay(10, cancellationToken);
        }

        return timelines;
    }

    /// <summary>Polls (<see cref="Eventually"/>) until <paramref name="condition"/> holds; a timeout carries the process's last lines.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan patience, Func<string> tail, CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.ValueAsync(condition, holds => holds || cancellationToken.IsCancellationRequested, patience, what);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{tail()}", e);
        }
    }

    private static async Task<bool> OnlineOnAsync(HttpClient support, string connectorId, string version, CancellationToken cancellationToken) =>
        await ConnectorAsync(support, connectorId, cancellationToken) is { } view
        && view["agentVersion"]?.GetValue<string>() == version
        && view["online"]?.GetValue<bool>() == true;

    private static async Task<JsonNode?> ConnectorAsync(HttpClient support, string connectorId, CancellationToken cancellationToken)
    {
        using var response = await support.GetAsync(new Uri($"/support/connectors/{connectorId}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken) : null;
    }

    /// <summary>The bytes of <paramref name="version"/> the agent logged it downloaded (every try's, if it tried again).</summary>
    private static long DownloadedBytes(ChildProcess agent, string version) =>
        agent.Lines.Select(l => DownloadedLine().Match(l)).Where(m => m.Success && m.Groups["version"].Value == version)
            .Sum(m => long.Parse(m.Groups["bytes"].Value, NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>A phase's durations where both of its log lines were seen.</summary>
    private static List<double> Seen(List<Timeline> timelines, Func<Timeline, double?> phase) =>
        [.. timelines.Select(phase).OfType<double>()];

    private static void Row(TextWriter output, string what, List<double> samples)
    {
        if (samples.Count == 0)
        {
            output.WriteLine($"| {what} | – | – | – | – | 0 |");
            return;
        }

        var sorted = samples.Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {Percentile(sorted, 0.50):0} | {Percentile(sorted, 0.99):0} | {sorted[0]:0} | {sorted[^1]:0} | {sorted.Length} |"));
    }

    /// <summary>Nearest-rank percentile; over 10 runs p99 is the slowest run.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    // ConnectorLog.Connected and AgentUpdater's "downloaded" line; string values may be rendered quoted.
    [GeneratedRegex("""Connector "?(?<connector>[A-Za-z0-9_-]+)"? connected from .* \(agent "?(?<version>[0-9.]+)"?,""")]
    private static partial Regex ConnectedLine();

    [GeneratedRegex("""Update: downloaded (?<bytes>[0-9]+) bytes of "?[^" ]+"? for version "?(?<version>[0-9.]+)"?""")]
    private static partial Regex DownloadedLine();

    /// <summary>Milliseconds after the publish answer at which one agent's update reached each step (null: not seen).</summary>
    private sealed class Timeline
    {
        public double? Installing { get; set; }

        public double? Downloaded { get; set; }

        public double? HandedOver { get; set; }

        public double? Hello { get; set; }
    }

    private sealed record BenchAgent(string ConnectorId, string DataFolder, ChildProcess Process);
}
