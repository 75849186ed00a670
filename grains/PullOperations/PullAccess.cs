using Ledgerlink.Agents;
using Ledgerlink.Grains.Security;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>Who may act on a pull operation: the holder of a valid lease for it, and only the connector that started it.</summary>
public static class PullAccess
{
    /// <summary>The connector a valid lease for this dataset names; anything else is refused.</summary>
    public static string Holder(PullLeases leases, PullLease lease, string datasetId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (!leases.IsValidFor(lease, datasetId))
        {
            PullOperationLog.LeaseRefused(logger, datasetId);
            throw new AgentAccessDeniedException($"The pull lease for {datasetId} was refused; start the pull again.");
        }

        return lease.ConnectorId;
    }

    public static void EnsureExists(PullOperationState state, string datasetId)
    {
        if (!state.Exists)
        {
            throw new InvalidOperationException($"Pull operation {datasetId} does not exist.");
        }
    }

    public static void EnsureRunBy(PullOperationState state, string datasetId, string connectorId)
    {
        if (state.ConnectorId != connectorId)
        {
            throw new AgentAccessDeniedException($"Pull operation {datasetId} was started by another connector.");
        }
    }
}
