using Ledgerlink.Support;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Support;

internal static partial class SupportAuditGrainLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Support audit: {ActorKind} {ActorId} {Action} {TargetType} {TargetId}: {Result} {Detail}")]
    public static partial void Recorded(
        ILogger logger, AuditActorKind actorKind, string actorId, string action, string targetType, string targetId,
        AuditResult result, string? detail);
}
