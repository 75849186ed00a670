using Ledgerlink.Support;

namespace Ledgerlink.Silo.Api.Support.Models;

/// <summary>One audit log entry: <c>who</c> is an API key (id, tenant, role) or an agent (its connector id).</summary>
public sealed record AuditEntryResponse(
    string Id,
    DateTimeOffset At,
    AuditWhoResponse Who,
    string Action,
    AuditTargetResponse Target,
    string? ConnectorId,
    AuditResult Result,
    string? Detail)
{
    public static AuditEntryResponse From(SupportAuditEntry entry) => new(
        entry.Id,
        entry.At,
        new AuditWhoResponse(entry.Actor.Kind, entry.Actor.Id, entry.Actor.TenantId, entry.Actor.Role),
        entry.Action,
        new AuditTargetResponse(entry.TargetType, entry.TargetId),
        entry.ConnectorId,
        entry.Result,
        entry.Detail);
}

public sealed record AuditWhoResponse(AuditActorKind Kind, string Id, string? TenantId, string? Role);

public sealed record AuditTargetResponse(string Type, string Id);
