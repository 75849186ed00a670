using System.Text.Json.Serialization;

namespace Ledgerlink.Connectors;

/// <summary>
/// Work for an agent. Commands stay in the connector's durable outbox until the work they ask for is finished,
/// so an agent that restarts or reconnects receives them again and must treat them idempotently.
/// <see cref="TraceParent"/> is the W3C trace context of the request that asked for the work (a refresh), so the agent's
/// pull joins that trace and an operator can follow one id from the HTTP request to the agent's log lines and back.
/// <see cref="PullOperationId"/> keeps its earlier JSON name, <c>DatasetId</c>, so connector outboxes stored before the
/// rename still load.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Connectors.AgentCommand")]
public sealed record AgentCommand(
    [property: Id(0)] string CommandId,
    [property: Id(1)] AgentCommandKind Kind,
    [property: Id(2)] string? CompanyId,
    [property: Id(3), JsonPropertyName("DatasetId")] string? PullOperationId,
    [property: Id(4)] string? DataType,
    [property: Id(5)] string? Reason,
    [property: Id(6)] string? TraceParent = null);

[GenerateSerializer]
public enum AgentCommandKind
{
    StartPull,
    CancelPull,
    Restart,
}
