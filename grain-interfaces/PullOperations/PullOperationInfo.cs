namespace Ledgerlink.PullOperations;

/// <summary>One sync of one data type for one company, in the shape of Codat's <c>PullOperation</c>.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.PullOperationInfo")]
public sealed record PullOperationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string CompanyId,
    [property: Id(2)] string ConnectionId,
    [property: Id(3)] string DataType,
    [property: Id(4)] PullOperationStatus Status,
    [property: Id(5)] string? StatusDescription,
    [property: Id(6)] string? ErrorMessage,
    [property: Id(7)] DateTimeOffset Requested,
    [property: Id(8)] DateTimeOffset? Completed,
    [property: Id(9)] int Progress,
    [property: Id(10)] long RecordCount,
    [property: Id(11)] string? RefreshId)
{
    public bool IsCompleted => Status == PullOperationStatus.Complete;

    public bool IsErrored => Status.IsErrored();
}
