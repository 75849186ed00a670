namespace Ledgerlink.PullOperations;

/// <summary>
/// What a pull operation tells its company: its current info and, once Complete, the dataset it committed. The pull
/// operation is the only owner of this; the company keeps what it needs of it (latest and latest successful per data
/// type, the committed pointer), and may ask for it again at any time.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.PullOperationNews")]
public sealed record PullOperationNews(
    [property: Id(0)] PullOperationInfo Operation,
    [property: Id(1)] CommittedDataset? Committed);
