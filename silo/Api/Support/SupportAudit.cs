using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Support;

namespace Ledgerlink.Silo.Api.Support;

/// <summary>Writes support API actions to the audit log: the API key's id, tenant and role (never the key), what, on what, and how it ended.</summary>
public static class SupportAudit
{
    public static Task RecordAsync(
        HttpContext http, IGrainFactory grains, SupportAction action, string targetId, string? connectorId, AuditResult result, string? detail)
    {
        var caller = http.User.Caller();
        var time = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var entry = new SupportAuditEntry(
            Guid.NewGuid().ToString(),
            time.GetUtcNow(),
            new AuditActor(AuditActorKind.ApiKey, caller.KeyId, caller.TenantId, caller.Role.ToString()),
            action.Name,
            action.TargetType,
            Clip(targetId),
            connectorId is null ? null : Clip(connectorId),
            result,
            detail);
        return grains.GetGrain<ISupportAuditGrain>(SupportAuditLog.Key).Record(entry);
    }

    // Targets come from the URL; a hostile one must not bloat the log.
    private static string Clip(string value) => value.Length <= 100 ? value : value[..100];
}
