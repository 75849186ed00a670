namespace Ledgerlink.PullOperations;

[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.PullOperationRequest")]
public sealed record PullOperationRequest(
    [property: Id(0)] string CompanyId,
    [property: Id(1)] string ConnectionId,
    [property: Id(2)] string DataType,
    [property: Id(3)] string? RefreshId,
    [property: Id(4)] DateTimeOffset Requested,
    [property: Id(5)] bool FullSync = false);
