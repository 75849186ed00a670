using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api;

/// <summary>
/// A tenant's branding through the integrator API on a real silo over Azurite: the neutral default, a round trip of
/// every field and the logo's bytes, isolation between tenants, the public link page and its logo, and the way back to
/// the default.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BrandingApiTests(AzuriteFixture azurite)
{
    private const string Path = "/integrations/hbql/branding";

    [Fact]
    public async Task Branding_round_trips_stays_with_its_tenant_shows_on_the_link_page_and_goes_back_to_the_default()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var tenantA = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        using var tenantB = silo.CreateHttpClient(TestApiKeys.IntegratorB);
        using var anonymous = silo.CreateHttpClient();
        using var created = await tenantA.PostJsonAsync("/companies", new { name = "Hebden Oak Joinery" });
        var companyId = (await created.JsonAsync())["id"]!.GetValue<string>();

        AssertDefault(await tenantA.GetJsonAsync(Path));
        Assert.DoesNotContain("brand-logo", await anonymous.GetStringAsync(new Uri($"/link/{companyId}", UriKind.Relative)), StringComparison.Ordinal);

        using var put = await tenantA.PutAsJsonAsync(Path, new
        {
            displayName = "  Acme Books  ",
            primaryColor = "#1d4ed8",
            supportContact = "help@acme.example or 0113 496 0000",
            logo = Convert.ToBase64String(TestImages.Png24x12),
        });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var saved = await put.JsonAsync();
        Assert.Equal("Acme Books", saved["displayName"]!.GetValue<string>());
        Assert.Equal("#1D4ED8", saved["primaryColor"]!.GetValue<string>());
        Assert.Equal("help@acme.example or 0113 496 0000", saved["supportContact"]!.GetValue<string>());
        Assert.False(saved["isDefault"]!.GetValue<bool>());
        Assert.Equal("sage50", saved["sourceId"]!.GetValue<string>());
        Assert.NotNull(saved["modifiedDate"]);
        var src = saved["logo"]!["full"]!["image"]!["src"]!.GetValue<string>();
        Assert.StartsWith(new Uri(silo.BaseAddress, "/integrations/hbql/branding/logo?v=").ToString(), src, StringComparison.Ordinal);
        Assert.Equal(src, saved["logo"]!["square"]!["image"]!["src"]!.GetValue<string>());
        Assert.Equal("Acme Books logo", saved["logo"]!["full"]!["image"]!["alt"]!.GetValue<string>());

        // Codat's GET gives back exactly what the PUT answered, and the logo's address serves the same bytes.
        Assert.Equal(saved.ToJsonString(), (await tenantA.GetJsonAsync(Path)).ToJsonString());
        await AssertImageAsync(tenantA, src, TestImages.Png24x12, "image/png");

        // Another tenant neither sees nor serves it.
        AssertDefault(await tenantB.GetJsonAsync(Path));
        using (var otherLogo = await tenantB.GetAsync(new Uri(Path + "/logo", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherLogo.StatusCode);
        }

        // The public link page carries it, and its logo address serves the same image without a key.
        var linkPage = await anonymous.GetStringAsync(new Uri($"/link/{companyId}", UriKind.Relative));
        Assert.Contains("<span id=\"brand-name\">Acme Books</span>", linkPage, StringComparison.Ordinal);
        Assert.Contains("--brand:#1D4ED8", linkPage, StringComparison.Ordinal);
        Assert.Contains("Provided by Acme Books", linkPage, StringComparison.Ordinal);
        Assert.Contains("help@acme.example or 0113 496 0000", linkPage, StringComparison.Ordinal);
        await AssertImageAsync(anonymous, $"/link/{companyId}/logo", TestImages.Png24x12, "image/png");

        // A new PUT replaces everything: a JPEG, no support contact.
        using var jpeg = await tenantA.PutAsJsonAsync(Path, new { displayName = "Acme", primaryColor = "#F1FAEE", logo = Convert.ToBase64String(TestImages.JpegStart) });
        Assert.True(jpeg.StatusCode == HttpStatusCode.OK, await jpeg.Content.ReadAsStringAsync());
        var replaced = await jpeg.JsonAsync();
        Assert.Null(replaced["supportContact"]);
        Assert.NotEqual(src, replaced["logo"]!["full"]!["image"]!["src"]!.GetValue<string>());
        await AssertImageAsync(tenantA, Path + "/logo", TestImages.JpegStart, "image/jpeg");
        Assert.DoesNotContain("support-contact", await anonymous.GetStringAsync(new Uri($"/link/{companyId}", UriKind.Relative)), StringComparison.Ordinal);

        using var deleted = await tenantA.DeleteAsync(new Uri(Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        AssertDefault(await tenantA.GetJsonAsync(Path));
        var neutral = await anonymous.GetStringAsync(new Uri($"/link/{companyId}", UriKind.Relative));
        Assert.DoesNotContain("Acme", neutral, StringComparison.Ordinal);
        Assert.DoesNotContain("provided-by", neutral, StringComparison.Ordinal);
        using var noLogo = await anonymous.GetAsync(new Uri($"/link/{companyId}/logo", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, noLogo.StatusCode);
    }

    private static void AssertDefault(JsonNode branding)
    {
        Assert.True(branding["isDefault"]!.GetValue<bool>(), branding.ToJsonString());
        Assert.Null(branding["logo"]);
        Assert.Null(branding["displayName"]);
        Assert.Equal("#334155", branding["primaryColor"]!.GetValue<string>());
    }

    private static async Task AssertImageAsync(HttpClient http, string address, byte[] expected, string contentType)
    {
        using var response = await http.GetAsync(new Uri(address, UriKind.RelativeOrAbsolute));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }
}
