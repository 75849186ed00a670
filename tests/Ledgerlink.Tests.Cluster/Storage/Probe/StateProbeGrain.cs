namespace Ledgerlink.Tests.Storage.Probe;

/// <summary>Persists <see cref="ProbeState"/> through the silo's default grain storage provider.</summary>
public sealed class StateProbeGrain(
    [PersistentState(StateProbeGrain.StateName)] IPersistentState<ProbeState> state) : Grain, IStateProbeGrain
{
    public const string StateName = "probe";

    // Lets a test tell a fresh activation (which must have read storage) from the one that wrote.
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<ProbeSnapshot> Peek() => Task.FromResult(Snapshot());

    public async Task<ProbeSnapshot> Write(ProbeState value)
    {
        state.State = value;
        await state.WriteStateAsync();
        return Snapshot();
    }

    public async Task<ProbeSnapshot> Clear()
    {
        await state.ClearStateAsync();
        return Snapshot();
    }

    public async Task<ProbeSnapshot> Reload()
    {
        await state.ReadStateAsync();
        return Snapshot();
    }

    private ProbeSnapshot Snapshot() => new(state.State, state.Etag, state.RecordExists, _activationId);
}
