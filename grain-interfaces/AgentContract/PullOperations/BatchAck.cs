namespace Ledgerlink.PullOperations;

/// <summary>
/// The cluster's answer to a batch. <paramref name="Accepted"/> false means the batch was refused (and nothing was
/// stored); <paramref name="Reason"/> says why. <paramref name="NextSequence"/> is what the cluster expects next, so a
/// resent or out-of-order batch tells the agent where to resume. <paramref name="ContinueSync"/> false means the pull
/// operation was cancelled or has finished: the agent stops reading.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.BatchAck")]
public sealed record BatchAck(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] long NextSequence,
    [property: Id(2)] long RecordsStored,
    [property: Id(3)] bool ContinueSync,
    [property: Id(4)] string? Reason);
