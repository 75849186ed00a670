using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Testing.Faults;

namespace Ledgerlink.Benchmarks.Faults;

/// <summary>
/// The fault campaign of issue #12 as a command: runs of each fault against a sync in progress, a line per run and a
/// summary per scenario. Not a speed benchmark; it lives here because it drives the same real processes. Exits
/// non-zero when any run fails, so it can gate a release.
/// </summary>
public sealed class FaultsBenchmark : IBenchmark
{
    public string Name => "faults";

    public string Description => "fault campaign: gateway silo killed (Azure Table, Redis) and storage stopped mid-sync; exactness and recovery per run";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("runs", "runs per scenario (default 20)"),
        new("splits", "size of the generated company in AUDIT_SPLIT rows (default 200000; cached under .data/)"),
        new("outage", "seconds storage stays stopped (default 30)"),
        new("scenarios", "all, kill (both clusterings), azure-table, redis or outage (default all)"),
        new("seed", "seed of the company and the fault points (default 12)"),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        FaultScenario[] scenarios = arguments.Choice("scenarios", "all", "all", "kill", "azure-table", "redis", "outage") switch
        {
            "kill" => [FaultScenario.SiloKillAzureTable, FaultScenario.SiloKillRedis],
            "azure-table" => [FaultScenario.SiloKillAzureTable],
            "redis" => [FaultScenario.SiloKillRedis],
            "outage" => [FaultScenario.StorageOutage],
            _ => [FaultScenario.SiloKillAzureTable, FaultScenario.StorageOutage, FaultScenario.SiloKillRedis],
        };
        var options = new FaultCampaignOptions(
            scenarios,
            arguments.PositiveInt("runs", 20),
            arguments.PositiveInt("splits", 200_000),
            TimeSpan.FromSeconds(arguments.PositiveInt("outage", 30)),
            arguments.PositiveInt("seed", 12));
        await output.WriteLineAsync($"load average {InterleavedPhases.LoadAverage()} at the start");
        var results = await FaultCampaign.RunAsync(options, output, cancellationToken);
        await output.WriteLineAsync($"load average {InterleavedPhases.LoadAverage()} at the end");
        if (results.Any(r => !r.Passed))
        {
            Environment.ExitCode = 2;
        }
    }
}
