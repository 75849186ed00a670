using System.Text.Json.Serialization;
using Ledgerlink.Companies;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>
/// Codat's <c>DataStatus</c>; the endpoint returns them keyed by data type, as Codat's <c>DataStatuses</c>. Ledgerlink
/// adds <c>dataGeneration</c> (moves on every reset and restore), <c>recordCount</c> (records readers see; absent when
/// no dataset) and <c>lastDataReset</c>.
/// </summary>
public sealed record DataStatusResponse(
    [property: JsonPropertyName("dataType")] string DataType,
    [property: JsonPropertyName("lastSuccessfulSync")] DateTimeOffset? LastSuccessfulSync,
    [property: JsonPropertyName("currentStatus")] PullOperationStatus CurrentStatus,
    [property: JsonPropertyName("latestSyncId")] string? LatestSyncId,
    [property: JsonPropertyName("latestSuccessfulSyncId")] string? LatestSuccessfulSyncId,
    [property: JsonPropertyName("dataGeneration")] long DataGeneration,
    [property: JsonPropertyName("recordCount")] long? RecordCount,
    [property: JsonPropertyName("lastDataReset")] DateTimeOffset? LastDataReset)
{
    public static DataStatusResponse From(DataStatusInfo status) => new(
        status.DataType, status.LastSuccessfulSync, status.CurrentStatus, status.LatestPullOperationId, status.LatestSuccessfulPullOperationId,
        status.DataGeneration, status.RecordCount, status.LastDataReset);
}
