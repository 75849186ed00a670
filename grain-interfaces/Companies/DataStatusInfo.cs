using Ledgerlink.PullOperations;

namespace Ledgerlink.Companies;

/// <summary>
/// The state of one data type for one company, in the shape of Codat's <c>DataStatus</c>, plus where its readable data
/// stands: the company's data generation, the records readers see (null: no dataset) and the last reset.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.DataStatusInfo")]
public sealed record DataStatusInfo(
    [property: Id(0)] string DataType,
    [property: Id(1)] PullOperationStatus CurrentStatus,
    [property: Id(2)] string? LatestPullOperationId,
    [property: Id(3)] string? LatestSuccessfulPullOperationId,
    [property: Id(4)] DateTimeOffset? LastSuccessfulSync,
    [property: Id(5)] long DataGeneration = 0,
    [property: Id(6)] long? RecordCount = null,
    [property: Id(7)] DateTimeOffset? LastDataReset = null);
