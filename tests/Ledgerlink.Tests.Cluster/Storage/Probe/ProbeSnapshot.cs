namespace Ledgerlink.Tests.Storage.Probe;

/// <summary>What a probe grain's activation holds right now, including which activation it is.</summary>
[GenerateSerializer, Alias("Ledgerlink.Tests.Storage.ProbeSnapshot")]
public sealed record ProbeSnapshot(
    [property: Id(0)] ProbeState State,
    [property: Id(1)] string? ETag,
    [property: Id(2)] bool RecordExists,
    [property: Id(3)] Guid ActivationId);
