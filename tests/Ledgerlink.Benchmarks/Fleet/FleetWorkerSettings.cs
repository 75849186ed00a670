using System.Globalization;
using Ledgerlink.Benchmarks.Harness;

namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>Where a worker process's agents connect and which companies they link (a file the benchmark wrote).</summary>
internal sealed record FleetWorkerSettings(int GatewayPort, string ServiceId, string ClusterId, string AssignmentsPath, int ConnectConcurrency)
{
    public static IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("gateway-port", "the silo's gateway port"),
        new("service-id", "the cluster's service id"),
        new("cluster-id", "the cluster id"),
        new("assignments", "file of company id, link code, syncing (tab separated), one agent a line"),
        new("connect-concurrency", "agents connecting and linking at once"),
    ];

    public static FleetWorkerSettings Parse(ReadOnlySpan<string> args)
    {
        var parsed = BenchmarkArguments.Parse(args, Options);
        return new FleetWorkerSettings(
            parsed.PositiveInt("gateway-port", 0),
            parsed.Text("service-id") ?? throw new BenchmarkUsageException("--service-id is required."),
            parsed.Text("cluster-id") ?? throw new BenchmarkUsageException("--cluster-id is required."),
            parsed.Text("assignments") ?? throw new BenchmarkUsageException("--assignments is required."),
            parsed.PositiveInt("connect-concurrency", 4));
    }

    public IEnumerable<string> ToArguments() =>
    [
        FleetProtocol.WorkerCommand,
        "--gateway-port", GatewayPort.ToString(CultureInfo.InvariantCulture),
        "--service-id", ServiceId,
        "--cluster-id", ClusterId,
        "--assignments", AssignmentsPath,
        "--connect-concurrency", ConnectConcurrency.ToString(CultureInfo.InvariantCulture),
    ];
}
