using System.Text.Json.Serialization;
using Ledgerlink.Companies;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>Codat's <c>DataStatus</c>; the endpoint returns them keyed by data type, as Codat's <c>DataStatuses</c>.</summary>
public sealed record DataStatusResponse(
    [property: JsonPropertyName("dataType")] string DataType,
    [property: JsonPropertyName("lastSuccessfulSync")] DateTimeOffset? LastSuccessfulSync,
    [property: JsonPropertyName("currentStatus")] PullOperationStatus CurrentStatus,
    [property: JsonPropertyName("latestSyncId")] string? LatestSyncId,
    [property: JsonPropertyName("latestSuccessfulSyncId")] string? LatestSuccessfulSyncId)
{
    public static DataStatusResponse From(DataStatusInfo status) => new(
        status.DataType, status.LastSuccessfulSync, status.CurrentStatus, status.LatestSyncId, status.LatestSuccessfulSyncId);
}
