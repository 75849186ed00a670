using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Security;

internal static partial class ExternalCallFilterLog
{
    // At most once a minute per method, so a flood of refused calls cannot flood the log too.
    [LoggerMessage(1, LogLevel.Warning, "Refused {Method} from outside the cluster (caller {Caller}): only the agent contract is callable from outside")]
    public static partial void Refused(ILogger logger, string method, string caller);
}
