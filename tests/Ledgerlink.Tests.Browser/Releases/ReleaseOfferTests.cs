using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Ledgerlink.Releases;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.AgentUi;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ledgerlink.Tests.Releases;

/// <summary>
/// The target version reaches a real agent process in its heartbeat answer and its About page says what is offered:
/// nothing while a canary names another connector, the release once the rollout includes this one, nothing again once
/// it is withdrawn. This agent has no release key pinned, so the page also says it will not install it
/// (installing is tested in the end-to-end AgentUpdateTests).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReleaseOfferTests(AzuriteFixture azurite)
{
    private const string Off = "Updates are off: no release key is configured (Ledgerlink:Agent:Releases:PublicKey)";

    [Fact]
    public async Task About_page_shows_the_release_the_rollout_offers_this_connector()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString, siloSettings: [new("Ledgerlink:Releases:PublicKey", publicKey)]);
        var connectorId = (await ui.StatusAsync())["connectorId"]!.GetValue<string>();
        using var operators = ui.Bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Operator));
        var page = await ui.Chromium.OpenAsync(ui.Ui);
        await page.GotoAsync("/about");
        Assert.Equal(Off, await page.Locator("#update-state").TextContentAsync());

        // A canary for another connector: not offered to this one.
        await PublishAsync(operators, privateKey, "99.0.0", new { kind = "Connectors", connectorIds = new[] { "some-other-connector" } });
        Assert.Null((await ui.ConnectorReleaseAsync(connectorId))["targetVersion"]);

        using (var rollout = await operators.PutAsJsonAsync("/operator/releases/99.0.0/rollout", new { kind = "Connectors", connectorIds = new[] { connectorId } }))
        {
            Assert.Equal(HttpStatusCode.OK, rollout.StatusCode);
        }

        Assert.Equal("99.0.0", (await ui.ConnectorReleaseAsync(connectorId))["targetVersion"]!.GetValue<string>());
        await EventuallyAsync(page, $"Version 99.0.0 is available; u{Off[1..]}", ui);

        using (var withdrawn = await operators.PostAsJsonAsync("/operator/releases/99.0.0/withdraw", new { reason = "pulled" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        await EventuallyAsync(page, Off, ui);
    }

    private static async Task EventuallyAsync(IPage page, string expected, AgentUiTestBed ui)
    {
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                await page.GotoAsync("/about");
                return await page.Locator("#update-state").TextContentAsync() == expected;
            }, AgentTestBed.Patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The About page never said '{expected}'.\n{ui.Running.Tail()}");
        }
    }

    private static async Task PublishAsync(HttpClient operators, string privateKey, string version, object rollout)
    {
        var bytes = RandomNumberGenerator.GetBytes(1000);
        using (var content = new ByteArrayContent(bytes))
        using (var upload = await operators.PutAsync(new Uri($"/operator/releases/{version}/files/linux-x64.tar.gz", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        }

        var manifest = new ReleaseManifest(version, "0.0.1", "", [new ReleaseFile("linux-x64.tar.gz", Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length)],
            DateTimeOffset.UtcNow).ToBytes();
        using var published = await operators.PostAsJsonAsync("/operator/releases", new
        {
            manifest = Convert.ToBase64String(manifest),
            signature = Convert.ToBase64String(ReleaseSigning.Sign(manifest, privateKey)),
            rollout,
        });
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }
}
