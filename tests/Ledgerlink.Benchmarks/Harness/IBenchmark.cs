namespace Ledgerlink.Benchmarks.Harness;

/// <summary>One subcommand of the benchmark tool.</summary>
public interface IBenchmark
{
    /// <summary>The subcommand, e.g. <c>storage</c>.</summary>
    string Name { get; }

    string Description { get; }

    IReadOnlyList<BenchmarkOption> Options { get; }

    Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken);
}
