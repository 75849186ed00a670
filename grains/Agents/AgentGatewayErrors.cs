using Ledgerlink.Agents;
using Ledgerlink.Grains.Faults;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Agents;

/// <summary>
/// Nothing but the agent contract's own failures crosses the gateway. An exception thrown inside the cluster is of a
/// type the agent may not be able to load (Azure.RequestFailedException became a TypeLoadException on the agent, which
/// then could not tell "try again later" from a bug); here it becomes an <see cref="AgentCallFailedException"/> that
/// says what kind of failure it was and whether the work can simply be asked for again.
/// </summary>
public sealed class AgentGatewayErrors(ILogger<AgentGatewayErrors> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Request.GetInterfaceType() != typeof(IAgentGatewayGrain))
        {
            await context.Invoke();
            return;
        }

        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            FaultLog.AgentCallFailed(logger, e, context.MethodName, translated.Kind.ToString(), translated.Retryable);
            throw translated;
        }
    }

    /// <summary>What the agent is told instead of <paramref name="failure"/>; null when it may cross as it is.</summary>
    public static AgentCallFailedException? Translate(Exception failure)
    {
        if (StorageFaults.IsStorageFailure(failure))
        {
            return new AgentCallFailedException(AgentErrorKind.StorageUnavailable, retryable: true,
                "The cluster's storage is unavailable; nothing was lost, try again shortly.");
        }

        if (StorageFaults.IsClusterFailure(failure))
        {
            return new AgentCallFailedException(AgentErrorKind.ClusterUnavailable, retryable: true,
                "A silo of the cluster is unavailable; try again shortly.");
        }

        return CanCross(failure)
            ? null
            : new AgentCallFailedException(AgentErrorKind.Unexpected, retryable: true,
                "The cluster failed unexpectedly; the work is kept and can be asked for again.");
    }

    /// <summary>The contract's own exceptions, and plain .NET ones whose whole chain is plain .NET too.</summary>
    private static bool CanCross(Exception failure) => failure switch
    {
        AgentAccessDeniedException or AgentCallFailedException => true,
        AggregateException => false,
        _ => failure.GetType().Assembly == typeof(object).Assembly && (failure.InnerException is null || CanCross(failure.InnerException)),
    };
}
