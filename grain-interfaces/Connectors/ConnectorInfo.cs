namespace Ledgerlink.Connectors;

/// <summary>One installed agent as support sees it.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Connectors.ConnectorInfo")]
public sealed record ConnectorInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string? MachineName,
    [property: Id(2)] string? AgentVersion,
    [property: Id(3)] int? ProcessId,
    [property: Id(4)] bool Online,
    [property: Id(5)] DateTimeOffset? LastSeen,
    [property: Id(6)] IReadOnlyList<string> CompanyIds,
    [property: Id(7)] IReadOnlyList<string> PausedCompanyIds,
    [property: Id(8)] bool RestartLinkEnabled,
    [property: Id(9)] IReadOnlyList<AgentCommand> PendingCommands,
    [property: Id(10)] bool SecretRotationDue,
    [property: Id(11)] DateTimeOffset? SecretIssued,
    [property: Id(12)] DateTimeOffset? Revoked,
    [property: Id(13)] string? RevokedReason);
