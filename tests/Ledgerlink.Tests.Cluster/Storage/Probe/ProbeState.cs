namespace Ledgerlink.Tests.Storage.Probe;

/// <summary>Grain state used to exercise blob grain storage: text, a counter and an opaque payload of any size.</summary>
[GenerateSerializer, Alias("Ledgerlink.Tests.Storage.ProbeState")]
public sealed record ProbeState
{
    [Id(0)]
    public string Text { get; init; } = string.Empty;

    [Id(1)]
    public int Version { get; init; }

    [Id(2)]
    public byte[] Payload { get; init; } = [];
}
