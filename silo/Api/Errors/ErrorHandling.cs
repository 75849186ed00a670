using Ledgerlink.Grains.Faults;
using Microsoft.AspNetCore.Diagnostics;

namespace Ledgerlink.Silo.Api.Errors;

/// <summary>
/// Whatever slips past the endpoints still answers in the Codat error shape: framework 4xx (bad route values, wrong
/// method, unsupported media type) keep their status; a storage or silo outage is a
/// 503 with <c>Retry-After</c> and <c>canBeRetried: "True"</c>; anything else unexpected is logged and reported as 500 without detail.
/// </summary>
public static partial class ErrorHandling
{
    /// <summary>What a 503 asks clients to wait: long enough for a storage or silo blip, short enough to matter.</summary>
    public const string RetryAfterSeconds = "5";

    public static WebApplication UseCodatErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, message) = failure switch
            {
                BadHttpRequestException bad => (bad.StatusCode, bad.Message),
                _ when StorageFaults.IsStorageFailure(failure) =>
                    (StatusCodes.Status503ServiceUnavailable, "Storage is unavailable; retry shortly (a refresh answered 200 is never lost)."),
                _ when StorageFaults.IsClusterFailure(failure) =>
                    (StatusCodes.Status503ServiceUnavailable, "The service is busy or restarting; retry shortly."),
                _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
            };
            if (status >= 500)
            {
                LogUnhandled(app.Logger, failure, context.Request.Method, context.Request.Path);
            }

            // A 503 is an outage that passes: say so in Codat's terms (canBeRetried) and in HTTP's (Retry-After).
            var retry = status == StatusCodes.Status503ServiceUnavailable;
            if (retry)
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds;
            }

            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(
                ApiErrors.Body(status, message, canBeRetried: retry ? "True" : "Unknown"), context.RequestAborted);
        }));

        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            if (response.HasStarted || response.ContentLength > 0 || response.ContentType is not null)
            {
                return;
            }

            var request = status.HttpContext.Request;
            if (response.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                // Routing refuses a body the endpoint does not accept before the endpoint runs; still say which header is wrong.
                var unsupported = $"Content-Type {(string.IsNullOrEmpty(request.ContentType) ? "(none)" : request.ContentType)} " +
                    "is not supported; send application/json.";
                await response.WriteAsJsonAsync(ApiErrors.Body(
                    response.StatusCode, unsupported, [new("Content-Type", unsupported, "Request")]));
                return;
            }

            var message = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"No resource at {status.HttpContext.Request.Path}",
                StatusCodes.Status405MethodNotAllowed => $"{status.HttpContext.Request.Method} is not allowed here",
                StatusCodes.Status401Unauthorized => "Unauthorized",
                StatusCodes.Status403Forbidden => "Your API key's role may not call this endpoint",
                _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(response.StatusCode),
            };
            await response.WriteAsJsonAsync(ApiErrors.Body(response.StatusCode, message));
        });
        return app;
    }

    [LoggerMessage(LogLevel.Error, "Unhandled error answering {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception, string method, string path);
}
