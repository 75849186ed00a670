using Ledgerlink.Agents;
using Ledgerlink.Grains.Security;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>Who may act on a pull operation: the holder of a valid lease for it, and only the connector that started it.</summary>
public static class PullAccess
{
    /// <summary>The connector a valid lease for this pull operation names; anything else is refused.</summary>
    public static string Holder(PullLeases leases, PullLease lease, string pullOperationId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (!leases.IsValidFor(lease, pullOperationId))
        {
            PullOperationLog.LeaseRefused(logger, pullOperationId);
            throw new AgentAccessDeniedException($"The pull lease for {pullOperationId} was refused; start the pull again.");
        }

        return lease.ConnectorId;
    }

    public static void EnsureExists(PullOperationState state, string pullOperationId)
    {
        if (!state.Exists)
        {
            throw new InvalidOperationException($"Pull operation {pullOperationId} does not exist.");
        }
    }

    public static void EnsureRunBy(PullOperationState state, string pullOperationId, string connectorId)
    {
        if (state.ConnectorId != connectorId)
        {
            throw new AgentAccessDeniedException($"Pull operation {pullOperationId} was started by another connector.");
        }
    }
}
