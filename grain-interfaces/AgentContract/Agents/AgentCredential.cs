namespace Ledgerlink.Agents;

/// <summary>Sent with every agent call and checked in the silo: the gateway is not a trust boundary by itself.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Agents.AgentCredential")]
public sealed record AgentCredential(
    [property: Id(0)] string ConnectorId,
    [property: Id(1)] string Secret)
{
    // The secret must never reach a log line through a record's generated ToString.
    public override string ToString() => $"AgentCredential {{ ConnectorId = {ConnectorId} }}";
}
