namespace Ledgerlink.PullOperations;

/// <summary>Where an agent (re)starts a pull operation: the next batch sequence and the records already stored.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.PullResumePoint")]
public sealed record PullResumePoint(
    [property: Id(0)] string DatasetId,
    [property: Id(1)] string CompanyId,
    [property: Id(2)] string DataType,
    [property: Id(3)] long NextSequence,
    [property: Id(4)] long RecordsStored,
    [property: Id(5)] bool ContinueSync,
    [property: Id(6)] PullLease Lease);
