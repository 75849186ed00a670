using Ledgerlink.Connectors;

namespace Ledgerlink.Agents;

/// <summary>
/// The cluster's answer to a hello or heartbeat: pending work, settings, and what the agent's UI shows.
/// <paramref name="BrandingTag"/> names the branding of the tenant whose companies this connector serves (null: the
/// neutral default); the agent calls <see cref="IAgentGatewayGrain.GetBranding"/> only when it changes.
/// <paramref name="TargetVersion"/> is the agent release this connector is offered (rollout policy or support's hold),
/// null when it should stay on the version it runs.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Agents.AgentSession")]
public sealed record AgentSession(
    [property: Id(0)] IReadOnlyList<AgentCommand> Commands,
    [property: Id(1)] TimeSpan HeartbeatInterval,
    [property: Id(2)] bool RestartLinkEnabled,
    [property: Id(3)] IReadOnlyList<string> CompanyIds,
    [property: Id(4)] IReadOnlyList<string> PausedCompanyIds,
    [property: Id(5)] bool RotateSecret,
    [property: Id(6)] string? BrandingTag = null,
    [property: Id(7)] string? TargetVersion = null);
