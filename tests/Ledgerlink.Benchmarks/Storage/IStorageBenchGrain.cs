namespace Ledgerlink.Benchmarks.Storage;

[Alias("Ledgerlink.Benchmarks.Storage.IStorageBenchGrain")]
public interface IStorageBenchGrain : IGrainWithIntegerKey
{
    [Alias("Write")]
    Task Write(BenchState state);

    /// <summary>Reads the state from storage again (not from the activation's memory) and returns its version.</summary>
    [Alias("Reload")]
    Task<int> Reload();
}
