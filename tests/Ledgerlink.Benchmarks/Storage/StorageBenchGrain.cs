namespace Ledgerlink.Benchmarks.Storage;

/// <summary>Writes and re-reads its state through the default grain storage provider on every call.</summary>
public sealed class StorageBenchGrain([PersistentState(StorageBenchGrain.StateName)] IPersistentState<BenchState> state)
    : Grain, IStorageBenchGrain
{
    public const string StateName = "bench";

    public Task Write(BenchState value)
    {
        state.State = value;
        return state.WriteStateAsync();
    }

    public async Task<int> Reload()
    {
        await state.ReadStateAsync();
        return state.State.Version;
    }
}
