using System.Text.Json.Serialization;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>Codat's <c>Company</c>, plus <c>ownerEmail</c> and <c>bankFeedsConnected</c>.</summary>
public sealed record CompanyResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("redirect")] string Redirect,
    [property: JsonPropertyName("lastSync")] DateTimeOffset? LastSync,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("createdByUserName")] string? CreatedByUserName,
    [property: JsonPropertyName("products")] IReadOnlyList<string> Products,
    [property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string> Tags,
    [property: JsonPropertyName("ownerUserIds")] IReadOnlyList<string> OwnerUserIds,
    [property: JsonPropertyName("referenceSubsidiaryCompanies")] IReadOnlyList<object> ReferenceSubsidiaryCompanies,
    [property: JsonPropertyName("dataConnections")] IReadOnlyList<ConnectionResponse> DataConnections,
    [property: JsonPropertyName("ownerEmail")] string? OwnerEmail,
    [property: JsonPropertyName("bankFeedsConnected")] bool BankFeedsConnected);
