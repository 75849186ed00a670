using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Ledgerlink.Releases;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.AgentUi;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ledgerlink.Tests.Releases;

/// <summary>
/// The link page in a real browser (headless Chromium against a real silo process): next to the download, the one-line
/// install command for the visitor's platform, which the page completes with the licence key and the link code it
/// reads from the URL fragment (the server never sees the code); without a code, the command installs without linking.
/// The Linux command itself is run in tests/Ledgerlink.Tests.EndToEnd/Deploy/LinuxInstallScriptTests.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LinkPageInstallCommandTests(AzuriteFixture azurite)
{
    private const string WindowsBrowser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    [Fact]
    public async Task The_link_page_shows_the_install_command_for_the_visitors_platform_with_the_link_code_filled_in()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, [new("Ledgerlink:Releases:PublicKey", publicKey)]);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await PublishAsync(bed, privateKey);
        var companyId = await bed.CreateCompanyAsync("Hebden Oak Joinery Ltd");
        var linkUrl = (await bed.RenewLinkCodeAsync(companyId))["linkUrl"]!.GetValue<string>();
        var code = bed.LinkCode(companyId);
        var silo = bed.Silo.BaseAddress.ToString().TrimEnd('/');

        // Linux (headless Chromium says X11; Linux): curl into bash as root, with the code from the fragment.
        var linux = await chromium.OpenAsync(bed.Silo.BaseAddress);
        await linux.GotoAsync(linkUrl);
        Assert.Equal(code, await linux.Locator("#link-code").TextContentAsync());
        var command = await linux.Locator("#install-command").TextContentAsync() ?? string.Empty;
        Assert.StartsWith($"curl -fsSL '{silo}/link/{companyId}/install/install-agent.sh' | sudo bash -s -- " +
                          $"--package '{silo}/link/{companyId}/download/1.5.0/linux-x64.tar.gz' --gateway '{bed.Silo.Gateway}' ", command, StringComparison.Ordinal);
        Assert.Contains($"--ca-cert '{silo}/link/{companyId}/install/ca.crt' --release-key '{silo}/link/{companyId}/install/release-public.pem'", command, StringComparison.Ordinal);
        Assert.EndsWith($" --licence-key '{companyId}' --link-code '{code}'", command, StringComparison.Ordinal);

        // Windows: PowerShell as administrator, the same values in its parameters.
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { UserAgent = WindowsBrowser });
        var windows = await context.NewPageAsync();
        await windows.GotoAsync(linkUrl);
        command = await windows.Locator("#install-command").TextContentAsync() ?? string.Empty;
        Assert.StartsWith($"irm '{silo}/link/{companyId}/install/install-agent.ps1' -OutFile ", command, StringComparison.Ordinal);
        Assert.Contains($"-Package '{silo}/link/{companyId}/download/1.5.0/win-x64.zip' -Gateway '{bed.Silo.Gateway}'", command, StringComparison.Ordinal);
        Assert.EndsWith($" -LicenceKey '{companyId}' -LinkCode '{code}'", command, StringComparison.Ordinal);
        Assert.Contains("Run as administrator", await windows.ContentAsync(), StringComparison.Ordinal);

        // The company's page without a code: the command installs only, and the page asks for a new link.
        await linux.GotoAsync($"/link/{companyId}");
        Assert.True(await linux.Locator("#no-link-code").IsVisibleAsync());
        Assert.DoesNotContain("--link-code", await linux.Locator("#install-command").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);

        // What the command downloads besides the release: the pinned CA and release key as configured, the scripts.
        using var anonymous = bed.Silo.CreateHttpClient();
        Assert.Equal(publicKey, await anonymous.GetStringAsync(new Uri($"/link/{companyId}/install/release-public.pem", UriKind.Relative)));
        Assert.Equal(await File.ReadAllTextAsync(Ledgerlink.Testing.Processes.TestCertificates.CaCertificatePath),
            await anonymous.GetStringAsync(new Uri($"/link/{companyId}/install/ca.crt", UriKind.Relative)));
        using var unknown = await anonymous.GetAsync(new Uri($"/link/{companyId}/install/appsettings.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task PublishAsync(AgentTestBed bed, string privateKey)
    {
        using var operators = bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Operator));
        var files = new Dictionary<string, byte[]> { ["linux-x64.tar.gz"] = RandomNumberGenerator.GetBytes(1000), ["win-x64.zip"] = RandomNumberGenerator.GetBytes(1000) };
        foreach (var (name, bytes) in files)
        {
            using var content = new ByteArrayContent(bytes);
            using var upload = await operators.PutAsync(new Uri($"/operator/releases/1.5.0/files/{name}", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        }

        var manifest = new ReleaseManifest("1.5.0", "0.0.1", "", [.. files.Select(f => new ReleaseFile(f.Key, Convert.ToHexStringLower(SHA256.HashData(f.Value)), f.Value.Length))],
            DateTimeOffset.UtcNow).ToBytes();
        using var published = await operators.PostAsJsonAsync("/operator/releases", new
        {
            manifest = Convert.ToBase64String(manifest),
            signature = Convert.ToBase64String(ReleaseSigning.Sign(manifest, privateKey)),
        });
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }
}
