using System.Text.Json.Serialization;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>Codat's <c>PullOperation</c>.</summary>
public sealed record PullOperationResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("companyId")] string CompanyId,
    [property: JsonPropertyName("connectionId")] string ConnectionId,
    [property: JsonPropertyName("dataType")] string DataType,
    [property: JsonPropertyName("status")] PullOperationStatus Status,
    [property: JsonPropertyName("statusDescription")] string? StatusDescription,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage,
    [property: JsonPropertyName("requested")] DateTimeOffset Requested,
    [property: JsonPropertyName("completed")] DateTimeOffset? Completed,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("isCompleted")] bool IsCompleted,
    [property: JsonPropertyName("isErrored")] bool IsErrored,
    [property: JsonPropertyName("recordCount")] long RecordCount)
{
    public static PullOperationResponse From(PullOperationInfo operation) => new(
        operation.Id,
        operation.CompanyId,
        operation.ConnectionId,
        operation.DataType,
        operation.Status,
        operation.StatusDescription,
        operation.ErrorMessage,
        operation.Requested,
        operation.Completed,
        operation.Progress,
        operation.IsCompleted,
        operation.IsErrored,
        operation.RecordCount);
}
