namespace Ledgerlink.Benchmarks.Harness;

/// <summary>A <c>--name value</c> option, or a <c>--name</c> flag when <paramref name="IsFlag"/> is set.</summary>
public sealed record BenchmarkOption(string Name, string Description, bool IsFlag = false)
{
    public string Usage => IsFlag ? $"--{Name}" : $"--{Name} N";
}
