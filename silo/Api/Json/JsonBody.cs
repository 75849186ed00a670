using System.Text.Json;
using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Json;

/// <summary>
/// Reads a request body ourselves rather than through parameter binding, so that an empty, malformed or mistyped body
/// is refused with a Codat error naming where the problem is, instead of the framework's bare 400.
/// </summary>
public static class JsonBody
{
    /// <summary>The largest JSON body read when the server sets no lower limit for the endpoint.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static async Task<Checked<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Checked<T>.Refuse(ApiErrors.Create(
                StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type {contentType} is not supported; send application/json.",
                [new("Content-Type", "Send the body as application/json.", "Request")]));
        }

        // Read no further than the limit: the server stops at its (per-endpoint) limit too, and this also holds where
        // the server sets none. A body over it is refused as soon as the limit is passed, never read in full.
        var limit = Math.Min(
            MaxBodyBytes,
            request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? MaxBodyBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return Checked<T>.Refuse(TooLarge(limit));
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Checked<T>.Refuse(TooLarge(limit));
        }

        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            return Checked<T>.Refuse(ApiErrors.BadRequest("body", "A JSON request body is required."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options);
            return value is null
                ? Checked<T>.Refuse(ApiErrors.BadRequest("body", "The request body must be a JSON object, not null."))
                : value;
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Checked<T>.Refuse(ApiErrors.BadRequest(where, $"The request body is not valid JSON for this operation at '{where}'" +
                (e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})." : ".")));
        }
    }

    private static IResult TooLarge(long limit) => ApiErrors.Create(
        StatusCodes.Status413PayloadTooLarge,
        limit % 1024 == 0 ? $"The request body is larger than {limit / 1024} KiB." : $"The request body is larger than {limit} bytes.",
        [new("body", "Send a smaller body.", "Request")]);
}
