using System.Text.Json;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>
/// Bad requests to <c>PUT /integrations/{platformKey}/branding</c>: each is a 400 naming the field (or a 404 for an
/// unknown integration), and none changes the tenant's branding.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class BrandingBadInputTests(ApiHostFixture host)
{
    private const string Path = "/integrations/hbql/branding";

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { Body(logo: TestImages.Gif), "logo", "PNG or JPEG" },
        { Body(logo: TestImages.SvgWithScript), "logo", "SVG" },
        { Body(logo: TestImages.PngOfSize((128 * 1024) + 1)), "logo", "the largest accepted is 131072 bytes" },
        { Body(logo: [0x89, 0x50, 0x4E, 0x47]), "logo", "PNG or JPEG" },
        { """{"displayName":"Acme Books","primaryColor":"#1D4ED8","logo":"not base64!"}""", "logo", "base64" },
        { Body(color: "red"), "primaryColor", "#RRGGBB" },
        { Body(color: "#12345"), "primaryColor", "#RRGGBB" },
        { Body(color: "#1234567"), "primaryColor", "#RRGGBB" },
        { Body(color: "#GGHHII"), "primaryColor", "#RRGGBB" },
        { Body(color: "#fff;}"), "primaryColor", "#RRGGBB" },
        { Body(color: "1D4ED8"), "primaryColor", "#RRGGBB" },
        { Body(name: ""), "displayName", "displayName is required" },
        { Body(name: new string('n', 101)), "displayName", "at most 100 characters" },
        { Body(name: "Acme\u0000Books"), "displayName", "without control characters" },
        { Body(support: new string('s', 201)), "supportContact", "at most 200 characters" },
        { """{"primaryColor":"#1D4ED8"}""", "displayName", "displayName is required" },
        { """{"displayName":"Acme Books","primaryColor":7}""", "primaryColor", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_branding_is_400_naming_the_field_and_changes_nothing(string body, string field, string text)
    {
        using var http = host.Client(TestApiKeys.IntegratorA);
        var before = (await http.GetJsonAsync(Path)).ToJsonString();

        await ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "PUT", Path, body, 400, field, text);

        Assert.Equal(before, (await http.GetJsonAsync(Path)).ToJsonString());
    }

    [Theory]
    [InlineData("GET", "/integrations/xero/branding")]
    [InlineData("PUT", "/integrations/xero/branding")]
    [InlineData("DELETE", "/integrations/xero/branding")]
    [InlineData("GET", "/integrations/xero/branding/logo")]
    public Task Unknown_integration_is_404(string method, string path) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, method, path, method == "PUT" ? Body() : null, 404, null, "Integration xero not found");

    [Fact]
    public Task Wrong_content_type_is_415_naming_it() =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "PUT", Path, "displayName=Acme", 415, "Content-Type", "not supported",
            "application/x-www-form-urlencoded");

    private static string Body(string name = "Acme Books", string color = "#1D4ED8", string? support = "help@acme.example", byte[]? logo = null) =>
        JsonSerializer.Serialize(new { displayName = name, primaryColor = color, supportContact = support, logo = logo is null ? null : Convert.ToBase64String(logo) });
}
