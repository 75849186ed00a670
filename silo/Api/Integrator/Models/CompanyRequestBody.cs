using System.Text.Json.Serialization;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>
/// Codat's <c>CompanyRequestBody</c> (create and replace; <c>name</c> required) and <c>CompanyUpdateRequest</c> (patch; all
/// optional), plus Ledgerlink's <c>ownerEmail</c> (the person who may reset the company's data) and
/// <c>bankFeedsConnected</c> (reset is refused while true).
/// </summary>
public sealed record CompanyRequestBody(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags,
    [property: JsonPropertyName("ownerEmail")] string? OwnerEmail,
    [property: JsonPropertyName("bankFeedsConnected")] bool? BankFeedsConnected);
