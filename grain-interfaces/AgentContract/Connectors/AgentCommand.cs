namespace Ledgerlink.Connectors;

/// <summary>
/// Work for an agent. Commands stay in the connector's durable outbox until the work they ask for is finished,
/// so an agent that restarts or reconnects receives them again and must treat them idempotently.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Connectors.AgentCommand")]
public sealed record AgentCommand(
    [property: Id(0)] string CommandId,
    [property: Id(1)] AgentCommandKind Kind,
    [property: Id(2)] string? CompanyId,
    [property: Id(3)] string? DatasetId,
    [property: Id(4)] string? DataType,
    [property: Id(5)] string? Reason);

[GenerateSerializer]
public enum AgentCommandKind
{
    StartPull,
    CancelPull,
    Restart,
}
