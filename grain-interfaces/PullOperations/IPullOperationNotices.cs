namespace Ledgerlink.PullOperations;

/// <summary>
/// The one way a pull operation tells its company (key: company id) about itself. The company never changes an
/// operation's status itself: it records what the owner says here, or what it answers to
/// <see cref="IPullOperationGrain.GetNews"/>.
/// </summary>
/// <remarks>
/// Awaited by the pull operation, so a notice the company could not write fails the agent's call, which is retried.
/// The company in turn only asks a pull operation things that never wait on the company (<see cref="IPullOperationGrain.GetNews"/>
/// is interleaved, <see cref="IPullOperationGrain.RequestCancel"/> is one-way), so the two grains never wait on each other.
/// </remarks>
[Alias("Ledgerlink.PullOperations.IPullOperationNotices")]
public interface IPullOperationNotices : IGrainWithStringKey
{
    /// <summary>The operation's status moved, or its dataset was committed (then the pointer and Complete land in one write).</summary>
    [Alias("PullOperationMoved")]
    Task PullOperationMoved(PullOperationNews news);
}
