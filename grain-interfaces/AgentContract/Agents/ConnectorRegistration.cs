namespace Ledgerlink.Agents;

/// <summary>A new connector's identity. The secret is shown once and stored hashed in the cluster.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Agents.ConnectorRegistration")]
public sealed record ConnectorRegistration(
    [property: Id(0)] string ConnectorId,
    [property: Id(1)] string Secret)
{
    public override string ToString() => $"ConnectorRegistration {{ ConnectorId = {ConnectorId} }}";
}
