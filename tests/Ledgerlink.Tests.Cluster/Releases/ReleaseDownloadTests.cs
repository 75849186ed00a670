using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Ledgerlink.Releases;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Releases;

/// <summary>
/// The link page offers the release for new installs (the newest published one rolled out to all), its file for the
/// visitor's platform first, and serves exactly the published bytes; canary releases, withdrawn releases and files
/// never published are not offered or served.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ReleaseDownloadTests(AzuriteFixture azurite)
{
    private const string Windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private const string Linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    [Fact]
    public async Task Link_page_offers_the_general_release_for_the_visitors_platform_and_serves_its_exact_bytes()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:Releases:PublicKey"] = publicKey,
        }));
        using var operators = silo.CreateHttpClient(TestApiKeys.Operator);
        using var integrator = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        using var created = await integrator.PostJsonAsync("/companies", new { name = "Hebden Oak Joinery" });
        var companyId = (await created.JsonAsync())["id"]!.GetValue<string>();
        using var browser = silo.CreateHttpClient();

        Assert.Contains("id=\"no-download\"", await PageAsync(browser, companyId, Linux), StringComparison.Ordinal);

        var linux = RandomNumberGenerator.GetBytes(250_000);
        var windows = RandomNumberGenerator.GetBytes(180_000);
        await PublishAsync(operators, privateKey, "1.5.0", new() { ["linux-x64.tar.gz"] = linux, ["win-x64.zip"] = windows }, rollout: null);

        var onLinux = DownloadLink(await PageAsync(browser, companyId, Linux));
        Assert.Equal($"/link/{companyId}/download/1.5.0/linux-x64.tar.gz", onLinux);
        var onWindows = DownloadLink(await PageAsync(browser, companyId, Windows));
        Assert.Equal($"/link/{companyId}/download/1.5.0/win-x64.zip", onWindows);
        Assert.Equal(linux, await browser.GetByteArrayAsync(new Uri(onLinux, UriKind.Relative)));
        Assert.Equal(windows, await browser.GetByteArrayAsync(new Uri(onWindows, UriKind.Relative)));

        // A canary release is not for new installs; an uploaded file nobody published is never served.
        await PublishAsync(operators, privateKey, "1.6.0", new() { ["linux-x64.tar.gz"] = RandomNumberGenerator.GetBytes(1000) },
            rollout: new { kind = "Connectors", connectorIds = new[] { "canary-1" } });
        Assert.Equal(onLinux, DownloadLink(await PageAsync(browser, companyId, Linux)));
        using (var content = new ByteArrayContent(RandomNumberGenerator.GetBytes(1000)))
        using (var staged = await operators.PutAsync(new Uri("/operator/releases/1.7.0/files/linux-x64.tar.gz", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.NoContent, staged.StatusCode);
        }

        await AssertNotFoundAsync(browser, $"/link/{companyId}/download/1.7.0/linux-x64.tar.gz");
        await AssertNotFoundAsync(browser, $"/link/{companyId}/download/1.5.0/other.zip");
        await AssertNotFoundAsync(browser, $"/link/{Guid.NewGuid()}/download/1.5.0/linux-x64.tar.gz");

        // Withdrawn: neither offered nor served.
        using (var withdrawn = await operators.PostAsJsonAsync("/operator/releases/1.5.0/withdraw", new { reason = "bad build" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        Assert.Contains("id=\"no-download\"", await PageAsync(browser, companyId, Linux), StringComparison.Ordinal);
        await AssertNotFoundAsync(browser, onLinux);
    }

    private static async Task<string> PageAsync(HttpClient browser, string companyId, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/link/{companyId}", UriKind.Relative));
        request.Headers.UserAgent.ParseAdd(userAgent);
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string DownloadLink(string page) =>
        WebUtility.HtmlDecode(DownloadAnchor().Match(page) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException($"No download link in\n{page}"));

    private static async Task AssertNotFoundAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task PublishAsync(HttpClient operators, string privateKey, string version, Dictionary<string, byte[]> files, object? rollout)
    {
        foreach (var (name, bytes) in files)
        {
            using var content = new ByteArrayContent(bytes);
            using var upload = await operators.PutAsync(new Uri($"/operator/releases/{version}/files/{name}", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        }

        var manifest = new ReleaseManifest(version, "1.0.0", "", [.. files.Select(f => new ReleaseFile(f.Key, Convert.ToHexStringLower(SHA256.HashData(f.Value)), f.Value.Length))],
            DateTimeOffset.UtcNow).ToBytes();
        using var published = await operators.PostAsJsonAsync("/operator/releases", new
        {
            manifest = Convert.ToBase64String(manifest),
            signature = Convert.ToBase64String(ReleaseSigning.Sign(manifest, privateKey)),
            rollout,
        });
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<a id=\"download\" class=\"download\" href=\"([^\"]+)\"")]
    private static partial Regex DownloadAnchor();
}
