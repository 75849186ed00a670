using Ledgerlink.Agents;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>What a pull operation's state looks like to the company, the API and the agent.</summary>
public static class PullOperationViews
{
    public static PullOperationInfo ToInfo(this PullOperationState state, string pullOperationId) => new(
        pullOperationId,
        state.CompanyId!,
        state.ConnectionId,
        state.DataType,
        state.Status,
        state.StatusDescription,
        state.ErrorMessage,
        state.Requested,
        state.Completed,
        state.Progress,
        state.RecordsStored,
        state.RefreshId);

    /// <summary>Whether the agent should keep sending: only while the operation can still take batches.</summary>
    public static bool ContinueSync(this PullOperationState state) => state.Status is PullOperationStatus.Queued or PullOperationStatus.Fetching;

    public static BatchAck Ack(this PullOperationState state, bool accepted, string? reason) =>
        new(accepted, state.NextSequence, state.RecordsStored, state.ContinueSync(), reason);

    public static PullResumePoint ResumePoint(this PullOperationState state, string pullOperationId, bool continueSync, PullLease lease) =>
        new(pullOperationId, state.CompanyId!, state.DataType, state.NextSequence, state.RecordsStored, continueSync, lease,
            state.Base, state.ClusterFullSyncReason);

    /// <summary>The answer to a completion whose record count is not what is stored: nothing is committed.</summary>
    public static PullOperationInfo CountMismatch(this PullOperationState state, string pullOperationId, long agentCount) =>
        state.ToInfo(pullOperationId) with
        {
            StatusDescription =
                $"Completion refused: the agent counted {agentCount} records but {state.RecordsStored} are " +
                $"stored (next batch expected: {state.NextSequence}).",
        };

    /// <summary>The staged blocks as the committed dataset lists them.</summary>
    public static DatasetBlock[] CommittedBlocks(this PullOperationState state) =>
        state.Blocks.Select(b => new DatasetBlock(b.Offset, b.Length, b.RecordCount)).ToArray();
}
