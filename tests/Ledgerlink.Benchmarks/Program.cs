using Ledgerlink.Benchmarks.Api;
using Ledgerlink.Benchmarks.Companies;
using Ledgerlink.Benchmarks.Compression;
using Ledgerlink.Benchmarks.Connectors;
using Ledgerlink.Benchmarks.Faults;
using Ledgerlink.Benchmarks.Fleet;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Benchmarks.Reads;
using Ledgerlink.Benchmarks.Reset;
using Ledgerlink.Benchmarks.Restart;
using Ledgerlink.Benchmarks.Rollout;
using Ledgerlink.Benchmarks.Storage;
using Ledgerlink.Benchmarks.Sync;

// Each benchmark is one IBenchmark in its own file; add it here to make it a subcommand.
IBenchmark[] benchmarks =
[
    new StorageBenchmark(), new ApiBenchmark(), new SyncBenchmark(), new ResetBenchmark(), new RestartBenchmark(), new ReadsBenchmark(), new FaultsBenchmark(),
    new CompressionBenchmark(), new CompaniesBenchmark(), new RolloutBenchmark(), new FleetBenchmark(), new ConnectorsBenchmark(),
];

// The fleet benchmark's own child processes (not listed in the usage): each runs a share of the agents.
if (args.Length > 0 && args[0] == FleetProtocol.WorkerCommand)
{
    return await FleetWorker.RunAsync(args.AsMemory(1));
}

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    PrintUsage(Console.Out);
    return args.Length == 0 ? 1 : 0;
}

var benchmark = benchmarks.FirstOrDefault(b => string.Equals(b.Name, args[0], StringComparison.OrdinalIgnoreCase));
if (benchmark is null)
{
    Console.Error.WriteLine($"Unknown benchmark '{args[0]}'.");
    PrintUsage(Console.Error);
    return 1;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops the benchmark cleanly (its Azurite and silo are shut down); a second one kills it.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};

try
{
    var arguments = BenchmarkArguments.Parse(args.AsSpan(1), benchmark.Options);
    await benchmark.RunAsync(arguments, Console.Out, stop.Token);
    return Environment.ExitCode;
}
catch (BenchmarkUsageException e)
{
    Console.Error.WriteLine(e.Message);
    PrintUsage(Console.Error);
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

void PrintUsage(TextWriter output)
{
    output.WriteLine("Usage: dotnet run -c Release --project tests/Ledgerlink.Benchmarks -- <benchmark> [options]");
    output.WriteLine();
    foreach (var b in benchmarks)
    {
        output.WriteLine($"  {b.Name,-10} {b.Description}");
        foreach (var option in b.Options)
        {
            output.WriteLine($"      {option.Usage,-22} {option.Description}");
        }
    }
}
