using System.Net;
using System.Net.Http.Json;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ledgerlink.Tests.AgentUi;

/// <summary>
/// The tenant's branding as the SMB user sees it, in headless Chromium: on the link page (a real silo process) and in
/// the agent's local UI (a real agent process, which gets it over the gateway): name, logo (decoded by the browser),
/// colour and "provided by"; a change reaches the running agent, and without branding both are neutral.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BrandingUiTests(AzuriteFixture azurite)
{
    private const string Path = "/integrations/hbql/branding";

    [Fact]
    public async Task Link_page_and_agent_UI_show_the_tenants_name_logo_and_colour_follow_a_change_and_fall_back_to_neutral()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        var agentPage = await ui.Chromium.OpenAsync(ui.Ui);

        // Before any branding, and before any company is linked, the agent is neutral.
        await agentPage.GotoAsync("/about");
        await AssertNeutralAsync(agentPage);

        await PutBrandingAsync(ui, "#1D4ED8");
        var (location, _) = BundledDemoCompany.Ensure(ui.Bed.NewFolder("sage"));
        var companyId = await ui.Bed.CreateCompanyAsync("Hebden Oak Joinery");
        var connection = await ui.Bed.RenewLinkCodeAsync(companyId);

        // The link page, as the SMB user opens it from the integrator's email.
        var linkPage = await ui.Chromium.OpenAsync(ui.Bed.Silo.BaseAddress);
        await linkPage.GotoAsync(connection["linkUrl"]!.GetValue<string>());
        await AssertBrandedAsync(linkPage, "rgb(29, 78, 216)");
        Assert.Equal(companyId, await linkPage.Locator("#licence").TextContentAsync());

        var link = await ui.Agent.LinkAsync(companyId, ui.Bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");

        // The agent learns of it from its next heartbeat answer (every second here) and fetches it over the gateway.
        await EventuallyAsync(agentPage, "/about", async () => await agentPage.Locator("#brand-name").TextContentAsync() == "Acme Books", ui);
        await AssertBrandedAsync(agentPage, "rgb(29, 78, 216)");
        Assert.StartsWith("About · Acme Books connector", await agentPage.TitleAsync(), StringComparison.Ordinal);
        await agentPage.GotoAsync("/companies");
        await AssertBrandedAsync(agentPage, "rgb(29, 78, 216)");

        // A new colour reaches the running agent without a restart.
        await PutBrandingAsync(ui, "#2A9D8F");
        await EventuallyAsync(agentPage, "/about", async () => await HeaderColourAsync(agentPage) == "rgb(42, 157, 143)", ui);
        await AssertBrandedAsync(agentPage, "rgb(42, 157, 143)");

        // Back to the default: both neutral again.
        using var deleted = await ui.Bed.Http.DeleteAsync(new Uri(Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await EventuallyAsync(agentPage, "/about", async () => await agentPage.Locator("#brand-name").TextContentAsync() == "Sage 50 connector", ui);
        await AssertNeutralAsync(agentPage);
        Assert.False(File.Exists(System.IO.Path.Combine(ui.Agent.DataFolder, "branding.json")));
        await linkPage.ReloadAsync();
        Assert.Equal(0, await linkPage.Locator("#brand-logo").CountAsync());
        Assert.Equal(0, await linkPage.Locator("#provided-by").CountAsync());
        Assert.Equal("rgb(51, 65, 85)", await HeaderColourAsync(linkPage));
    }

    private static async Task PutBrandingAsync(AgentUiTestBed ui, string colour)
    {
        using var put = await ui.Bed.Http.PutAsJsonAsync(Path, new
        {
            displayName = "Acme Books",
            primaryColor = colour,
            supportContact = "help@acme.example",
            logo = Convert.ToBase64String(TestImages.Png24x12),
        });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    private static async Task AssertBrandedAsync(IPage page, string headerColour)
    {
        Assert.Equal("Acme Books", await page.Locator("#brand-name").TextContentAsync());
        Assert.Equal(headerColour, await HeaderColourAsync(page));

        // The browser fetched and decoded the logo: its natural size is the PNG's.
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('brand-logo'); return i && i.complete; }");
        Assert.Equal(24, await page.EvalOnSelectorAsync<int>("#brand-logo", "i => i.naturalWidth"));
        Assert.Equal(12, await page.EvalOnSelectorAsync<int>("#brand-logo", "i => i.naturalHeight"));
        Assert.Equal("Provided by Acme Books · Support: help@acme.example", (await page.Locator("#provided-by").TextContentAsync())?.Trim());
    }

    private static async Task AssertNeutralAsync(IPage page)
    {
        Assert.Equal("Sage 50 connector", await page.Locator("#brand-name").TextContentAsync());
        Assert.Equal(0, await page.Locator("#brand-logo").CountAsync());
        Assert.Equal(0, await page.Locator("#provided-by").CountAsync());
        Assert.Equal("rgb(51, 65, 85)", await HeaderColourAsync(page));
    }

    private static Task<string> HeaderColourAsync(IPage page) =>
        page.EvalOnSelectorAsync<string>("#brand", "h => getComputedStyle(h).backgroundColor");

    /// <summary>Reloads <paramref name="path"/> until <paramref name="done"/> holds; the patience is only a safety net.</summary>
    private static async Task EventuallyAsync(IPage page, string path, Func<Task<bool>> done, AgentUiTestBed ui)
    {
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                await page.GotoAsync(path);
                return await done();
            }, AgentTestBed.Patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The agent UI did not follow the branding in time.\n{ui.Running.Tail()}");
        }
    }
}
