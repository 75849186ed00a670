using Ledgerlink.PullOperations;

namespace Ledgerlink.Companies;

/// <summary>The state of one data type for one company, in the shape of Codat's <c>DataStatus</c>.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.DataStatusInfo")]
public sealed record DataStatusInfo(
    [property: Id(0)] string DataType,
    [property: Id(1)] PullOperationStatus CurrentStatus,
    [property: Id(2)] string? LatestSyncId,
    [property: Id(3)] string? LatestSuccessfulSyncId,
    [property: Id(4)] DateTimeOffset? LastSuccessfulSync);
