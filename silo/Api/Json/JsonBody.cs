using System.Text.Json;
using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Json;

/// <summary>
/// Reads a request body ourselves rather than through parameter binding, so that an empty, malformed or mistyped body
/// is refused with a Codat error naming where the problem is, instead of the framework's bare 400.
/// </summary>
public static class JsonBody
{
    private const int MaxBodyBytes = 256 * 1024;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiErrors.Create(
                StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type {contentType} is not supported; send application/json.",
                [new("Content-Type", "Send the body as application/json.", "Request")]));
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            return (null, ApiErrors.Create(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {MaxBodyBytes / 1024} KiB.",
                [new("body", "Send a smaller body.", "Request")]));
        }

        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            return (null, ApiErrors.BadRequest("body", "A JSON request body is required."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options);
            return value is null
                ? (null, ApiErrors.BadRequest("body", "The request body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, ApiErrors.BadRequest(where, $"The request body is not valid JSON for this operation at '{where}'" +
                (e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})." : ".")));
        }
    }
}
