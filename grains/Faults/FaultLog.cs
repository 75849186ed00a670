using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Faults;

internal static partial class FaultLog
{
    [LoggerMessage(1, LogLevel.Warning, "Grain {GrainId} deactivated after storage failed during {Method} ({ExceptionType}); its state is read again on the next call")]
    public static partial void DeactivatedAfterStorageFailure(ILogger logger, string grainId, string method, string exceptionType);

    [LoggerMessage(2, LogLevel.Warning, "Agent gateway call {Method} failed inside the cluster; the agent is told {Kind} (retryable: {Retryable})")]
    public static partial void AgentCallFailed(ILogger logger, Exception exception, string method, string kind, bool retryable);
}
