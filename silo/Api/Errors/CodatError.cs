using System.Text.Json.Serialization;

namespace Ledgerlink.Silo.Api.Errors;

/// <summary>
/// The error body every failed request gets: Codat's <c>ErrorMessage</c> (statusCode, service, error, correlationId,
/// canBeRetried, detailedErrorCode, validation) so Codat clients parse it unchanged, plus the RFC 9457 problem-details
/// members (type, title, status, detail) so generic HTTP tooling does too. Validation items name the offending field.
/// </summary>
public sealed record CodatError(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("correlationId")] string CorrelationId,
    [property: JsonPropertyName("canBeRetried")] string CanBeRetried,
    [property: JsonPropertyName("detailedErrorCode")] int DetailedErrorCode,
    [property: JsonPropertyName("validation")] CodatValidation? Validation,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail);

public sealed record CodatValidation(
    [property: JsonPropertyName("errors")] IReadOnlyList<CodatValidationItem> Errors,
    [property: JsonPropertyName("warnings")] IReadOnlyList<CodatValidationItem> Warnings);

/// <summary><paramref name="ItemId"/> is the field (body property, query or route parameter) the message is about.</summary>
public sealed record CodatValidationItem(
    [property: JsonPropertyName("itemId")] string ItemId,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("validatorName")] string ValidatorName);
