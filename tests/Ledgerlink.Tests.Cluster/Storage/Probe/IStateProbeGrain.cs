namespace Ledgerlink.Tests.Storage.Probe;

/// <summary>A grain whose only job is to read, write and clear its persistent state on command.</summary>
[Alias("Ledgerlink.Tests.Storage.IStateProbeGrain")]
public interface IStateProbeGrain : IGrainWithStringKey
{
    /// <summary>The state as loaded at activation (or after the last write/clear), without touching storage.</summary>
    [Alias("Peek")]
    Task<ProbeSnapshot> Peek();

    [Alias("Write")]
    Task<ProbeSnapshot> Write(ProbeState state);

    [Alias("Clear")]
    Task<ProbeSnapshot> Clear();

    /// <summary>Reads the state from storage again, within the current activation.</summary>
    [Alias("Reload")]
    Task<ProbeSnapshot> Reload();
}
