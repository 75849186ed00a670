namespace Ledgerlink.PullOperations;

/// <summary>What the cluster made of a pull the agent completed or gave up: its status, records kept, and why.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.PullReport")]
public sealed record PullReport(
    [property: Id(0)] PullOperationStatus Status,
    [property: Id(1)] long RecordCount,
    [property: Id(2)] string? StatusDescription)
{
    public bool IsCompleted => Status == PullOperationStatus.Complete;
}
