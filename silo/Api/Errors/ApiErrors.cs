using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Ledgerlink.Silo.Api.Errors;

/// <summary>Builds <see cref="CodatError"/> responses. Every refusal in the API goes through here, so all look alike.</summary>
public static class ApiErrors
{
    public const string ContentType = "application/json";
    private const string Service = "PublicApi";

    public static IResult BadRequest(string field, string message) =>
        Create(StatusCodes.Status400BadRequest, message, [new CodatValidationItem(field, message, "Request")]);

    public static IResult BadRequest(IReadOnlyList<CodatValidationItem> errors) =>
        Create(StatusCodes.Status400BadRequest, string.Join(" ", errors.Select(e => e.Message)), errors);

    public static IResult NotFound(string message) => Create(StatusCodes.Status404NotFound, message);

    public static IResult CompanyNotFound(string companyId) => NotFound($"Company {companyId} not found");

    public static IResult Conflict(string message) => Create(StatusCodes.Status409Conflict, message);

    public static IResult Unauthorized() => Create(StatusCodes.Status401Unauthorized, "Unauthorized");

    public static IResult Forbidden(string message) => Create(StatusCodes.Status403Forbidden, message);

    public static IResult Unavailable(string message) => Create(StatusCodes.Status503ServiceUnavailable, message, canBeRetried: "True");

    public static IResult Create(
        int statusCode, string message, IReadOnlyList<CodatValidationItem>? errors = null, string canBeRetried = "Unknown") =>
        Results.Json(Body(statusCode, message, errors, canBeRetried), statusCode: statusCode, contentType: ContentType);

    public static CodatError Body(
        int statusCode, string message, IReadOnlyList<CodatValidationItem>? errors = null, string canBeRetried = "Unknown") =>
        new(
            statusCode,
            Service,
            message,
            CorrelationId(),
            canBeRetried,
            0,
            errors is null ? null : new CodatValidation(errors, []),
            $"https://httpstatuses.io/{statusCode}",
            ReasonPhrases.GetReasonPhrase(statusCode),
            statusCode,
            message);

    private static string CorrelationId() => Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
}
