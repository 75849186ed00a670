namespace Ledgerlink.EdgeAgent.Sync;

/// <summary>How one run of a pull ended on this agent.</summary>
public enum PullOutcome
{
    /// <summary>Every record is stored and the dataset committed.</summary>
    Completed,

    /// <summary>The cluster said there was nothing to do (finished already, cancelled, or run by another connector).</summary>
    NotNeeded,

    /// <summary>Cancelled: the agent stopped reading and sent nothing more.</summary>
    Cancelled,

    /// <summary>The pull cannot succeed (Sage data unreadable, batch refused); the cluster was told.</summary>
    Failed,

    /// <summary>The connection failed midway; the command stays in the outbox and the pull resumes from the last acknowledged batch.</summary>
    Interrupted,
}
