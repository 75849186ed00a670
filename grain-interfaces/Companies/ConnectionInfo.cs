namespace Ledgerlink.Companies;

/// <summary>A company's data connection, in the shape of Codat's <c>Connection</c>.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.ConnectionInfo")]
public sealed record ConnectionInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string PlatformKey,
    [property: Id(2)] ConnectionStatus Status,
    [property: Id(3)] DateTimeOffset Created,
    [property: Id(4)] DateTimeOffset? LastSync,
    [property: Id(5)] string? ConnectorId);
