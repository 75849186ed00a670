namespace Ledgerlink.Benchmarks.Harness;

/// <summary>The command line was wrong: reported with the usage text, without a stack trace.</summary>
public sealed class BenchmarkUsageException(string message) : Exception(message);
