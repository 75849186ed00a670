namespace Ledgerlink.Silo.Api.Support;

/// <summary>
/// Endpoint metadata naming the audited action and where its target's id is in the route, so a refusal by
/// <see cref="SupportRoleFilter"/> is recorded against the same action and target a success would be.
/// </summary>
public sealed record SupportAction(string Name, string TargetType, string TargetRouteValue);
