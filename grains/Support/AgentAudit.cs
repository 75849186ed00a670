using Ledgerlink.Support;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Support;

/// <summary>
/// Records what an agent did to its connector (restart, pause, resume, sync now) in the support audit log, so support
/// sees the SMB's actions next to its own. A failed audit write is logged and never fails the agent's call.
/// </summary>
public static partial class AgentAudit
{
    public static async Task RecordQuietlyAsync(
        IGrainFactory grains,
        TimeProvider time,
        ILogger logger,
        string connectorId,
        string action,
        string targetType,
        string targetId,
        AuditResult result,
        string? detail)
    {
        var entry = new SupportAuditEntry(
            Guid.NewGuid().ToString(),
            time.GetUtcNow(),
            new AuditActor(AuditActorKind.Agent, connectorId, TenantId: null, Role: null),
            action,
            targetType,
            targetId,
            connectorId,
            result,
            detail);
        try
        {
            await grains.GetGrain<ISupportAuditGrain>(SupportAuditLog.Key).Record(entry);
        }
        catch (Exception e)
        {
            AuditFailed(logger, e, connectorId, action, targetId);
        }
    }

    [LoggerMessage(LogLevel.Error, "Support audit of agent {ConnectorId} {Action} on {TargetId} could not be written")]
    private static partial void AuditFailed(ILogger logger, Exception exception, string connectorId, string action, string targetId);
}
