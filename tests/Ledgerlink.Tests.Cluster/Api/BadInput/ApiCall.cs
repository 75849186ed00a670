using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>
/// Sends one request to the shared host and checks the answer is exactly the refusal expected: the status, never 500,
/// and Codat's <c>ErrorMessage</c> body (statusCode, service, error, correlationId, canBeRetried, detailedErrorCode,
/// validation) whose text, and validation item when a field is expected, name the offending field or parameter.
/// </summary>
/// <remarks>
/// Paths may hold placeholders for the seeded ids: {companyA}, {connectionA}, {datasetA}, {unconnectedA}, {companyB},
/// {connectionB}, {datasetB}, and {unknown} (a well-formed id nothing has).
/// </remarks>
public static class ApiCall
{
    public static readonly string Unknown = Guid.NewGuid().ToString();

    public static string Resolve(ApiHostFixture host, string path) => path
        .Replace("{companyA}", host.CompanyA, StringComparison.Ordinal)
        .Replace("{connectionA}", host.ConnectionA, StringComparison.Ordinal)
        .Replace("{datasetA}", host.DatasetA, StringComparison.Ordinal)
        .Replace("{unconnectedA}", host.UnconnectedCompanyA, StringComparison.Ordinal)
        .Replace("{companyB}", host.CompanyB, StringComparison.Ordinal)
        .Replace("{connectionB}", host.ConnectionB, StringComparison.Ordinal)
        .Replace("{datasetB}", host.DatasetB, StringComparison.Ordinal)
        .Replace("{unknown}", Unknown, StringComparison.Ordinal);

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, ApiHostFixture host, string method, string path, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Resolve(host, path), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            // A large body is offered first (Expect: 100-continue), as HTTP clients do for uploads: a server refusing it
            // answers before any of it is sent. Without, the refusal races the client still writing the body, and a
            // loaded machine may see the connection reset instead of the 413 (CI run of 2026-12-04).
            request.Headers.ExpectContinue = body.Length > 64 * 1024;
        }

        return await http.SendAsync(request);
    }

    /// <summary>Sends with <paramref name="apiKey"/> and asserts the Codat error; returns the body for further checks.</summary>
    public static async Task<JsonNode> AssertRefusedAsync(
        ApiHostFixture host, string? apiKey, string method, string path, string? body, int status, string? field, string text,
        string contentType = "application/json")
    {
        using var http = host.Client(apiKey);
        using var response = await SendAsync(http, host, method, path, body, contentType);
        return await AssertCodatErrorAsync(response, status, field, text);
    }

    public static async Task<JsonNode> AssertCodatErrorAsync(HttpResponseMessage response, int status, string? field, string text)
    {
        var raw = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {raw}";
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"Server error. {what}");
        Assert.True((int)response.StatusCode == status, $"Expected {status}. {what}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"Not JSON. {what}");

        var error = JsonNode.Parse(raw) ?? throw new Xunit.Sdk.XunitException($"Empty body. {what}");
        Assert.Equal(status, error["statusCode"]!.GetValue<int>());
        Assert.Equal("PublicApi", error["service"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["correlationId"]?.GetValue<string>()), $"No correlationId. {what}");
        Assert.NotNull(error["canBeRetried"]?.GetValue<string>());
        Assert.NotNull(error["detailedErrorCode"]?.GetValue<int>());
        var message = error["error"]!.GetValue<string>();
        Assert.True(message.Contains(text, StringComparison.Ordinal), $"Error text does not contain '{text}'. {what}");

        if (field is not null)
        {
            Assert.True(message.Contains(field, StringComparison.Ordinal), $"Error text does not name '{field}'. {what}");
            var items = error["validation"]?["errors"]?.AsArray() ?? throw new Xunit.Sdk.XunitException($"No validation errors. {what}");
            Assert.True(items.Any(i => i?["itemId"]?.GetValue<string>() == field), $"No validation item for '{field}'. {what}");
        }

        return error;
    }
}
