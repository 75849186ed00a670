using Orleans.Concurrency;

namespace Ledgerlink.PullOperations;

/// <summary>One sync of one data type for one company (key: dataset id). Stages the agent's batches and commits them.</summary>
[Alias("Ledgerlink.PullOperations.IPullOperationGrain")]
public interface IPullOperationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes on <paramref name="request"/> (from its company's record) if this operation has no state yet, in memory only:
    /// a queued operation is durable in its company's record, and writes its own state at its first move (started,
    /// cancelled). Answers what it is; an existing operation ignores the request.
    /// </summary>
    [Alias("EnsureCreated")]
    Task<PullOperationInfo> EnsureCreated(PullOperationRequest request);

    [Alias("Get")]
    Task<PullOperationInfo?> Get();

    /// <summary>
    /// What the operation last wrote durably (its info and committed dataset); null when it does not exist. Interleaved, so
    /// the company can ask while the operation waits on it.
    /// </summary>
    [AlwaysInterleave, Alias("GetNews")]
    Task<PullOperationNews?> GetNews();

    /// <summary>As <see cref="Cancel"/>, without an answer: how the company asks, since the operation then tells it the outcome.</summary>
    /// <remarks>
    /// <paramref name="request"/>: what its company recorded, for an operation still Queued there, which may have written
    /// nothing of its own yet (see <see cref="EnsureCreated"/>); it is then cancelled from that request.
    /// </remarks>
    [OneWay, Alias("RequestCancel")]
    Task RequestCancel(string reason, PullOperationRequest? request = null);

    /// <summary>Moves a Queued operation to Fetching (or resumes a Fetching one) and says where the agent starts.</summary>
    [Alias("Start")]
    Task<PullResumePoint> Start(PullLease lease);

    [Alias("AppendBatch")]
    Task<BatchAck> AppendBatch(PullLease lease, DatasetBatch batch, CancellationToken cancellationToken = default);

    [Alias("ReportProgress")]
    Task ReportProgress(PullLease lease, int percent);

    /// <summary>Commits the staged blocks in sequence order and moves the company's pointer to this dataset.</summary>
    [Alias("Complete")]
    Task<PullOperationInfo> Complete(PullLease lease, long expectedRecordCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a full sync or a delta on the committed dataset (<see cref="PullCompletion"/>). A delta commits a new
    /// version made of the base's segments plus this operation's blob, so unchanged data is never written again.
    /// </summary>
    [Alias("CompleteWith")]
    Task<PullOperationInfo> CompleteWith(PullLease lease, PullCompletion completion, CancellationToken cancellationToken = default);

    [Alias("Fail")]
    Task<PullOperationInfo> Fail(PullLease lease, PullOperationStatus status, string errorMessage);

    /// <summary>
    /// Cancels a queued or running operation; its staged blocks are never committed. The company, which sent the
    /// StartPull, is told and sends the CancelPull to that connector.
    /// </summary>
    [Alias("Cancel")]
    Task<PullOperationInfo> Cancel(string reason);
}
