using System.Text.Json.Serialization;
using Ledgerlink.Agents;

namespace Ledgerlink.EdgeAgent.Identity;

/// <summary>This installation's connector id and the secret the cluster gave it at registration.</summary>
public sealed record AgentIdentity(string ConnectorId, string Secret)
{
    [JsonIgnore]
    public AgentCredential Credential => new(ConnectorId, Secret);

    // The secret must never reach a log line through the generated ToString.
    public override string ToString() => $"AgentIdentity {{ ConnectorId = {ConnectorId} }}";
}
