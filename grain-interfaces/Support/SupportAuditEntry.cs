namespace Ledgerlink.Support;

/// <summary>
/// One thing support (or an agent acting on its connector) did or tried to do: who, when, what, on which target,
/// and how it ended. Refusals are entries too, so the log shows attempts as well as changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Support.SupportAuditEntry")]
public sealed record SupportAuditEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] AuditActor Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string TargetType,
    [property: Id(5)] string TargetId,
    [property: Id(6)] string? ConnectorId,
    [property: Id(7)] AuditResult Result,
    [property: Id(8)] string? Detail);

/// <summary>Who acted: an API key (its id, tenant and role; never the key itself) or an agent (its connector id).</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Support.AuditActor")]
public sealed record AuditActor(
    [property: Id(0)] AuditActorKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string? TenantId,
    [property: Id(3)] string? Role);

[GenerateSerializer]
public enum AuditActorKind
{
    ApiKey,
    Agent,
}

[GenerateSerializer]
public enum AuditResult
{
    Succeeded,
    Refused,
    Failed,
}
