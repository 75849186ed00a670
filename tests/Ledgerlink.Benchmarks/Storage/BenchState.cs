namespace Ledgerlink.Benchmarks.Storage;

/// <summary>About 1 KiB of grain state once serialized: a version and a text body.</summary>
[GenerateSerializer, Alias("Ledgerlink.Benchmarks.Storage.BenchState")]
public sealed record BenchState
{
    [Id(0)]
    public int Version { get; init; }

    [Id(1)]
    public string Body { get; init; } = string.Empty;
}
