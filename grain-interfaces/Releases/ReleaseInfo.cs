namespace Ledgerlink.Releases;

/// <summary>A published agent release as the catalog keeps it; its bytes (manifest, signature, files) are in the release container.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Releases.ReleaseInfo")]
public sealed record ReleaseInfo(
    [property: Id(0)] string Version,
    [property: Id(1)] string MinimumVersion,
    [property: Id(2)] string Notes,
    [property: Id(3)] IReadOnlyList<ReleaseFile> Files,
    [property: Id(4)] string KeyId,
    [property: Id(5)] DateTimeOffset Published,
    [property: Id(6)] ReleaseRollout Rollout,
    [property: Id(7)] DateTimeOffset? Withdrawn,
    [property: Id(8)] string? WithdrawnReason);

/// <summary>Support holds a connector at a version: it is offered that release and no other until the hold is lifted.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Releases.ReleaseHold")]
public sealed record ReleaseHold(
    [property: Id(0)] string ConnectorId,
    [property: Id(1)] string Version,
    [property: Id(2)] string HeldBy,
    [property: Id(3)] DateTimeOffset Since);
