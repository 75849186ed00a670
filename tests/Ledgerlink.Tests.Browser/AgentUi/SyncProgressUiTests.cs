using System.Net;
using System.Net.Http.Json;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.LocalUi;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ledgerlink.Tests.AgentUi;

/// <summary>
/// The Companies page as the SMB user watches it, in headless Chromium against a real agent and silo: a sync's
/// progress bar moves while the page stays open (no reload), its count is the data type's record count, the page is
/// styled only by the agent's own style sheet in the tenant's colour (logo and header too), and when a sync fails the
/// card says why in Sage's plain words.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SyncProgressUiTests(AzuriteFixture azurite)
{
    private const string Blue = "rgb(29, 78, 216)";

    [Fact]
    public async Task The_open_Companies_page_shows_a_moving_progress_bar_in_the_tenants_colour_and_the_last_failure_in_plain_words()
    {
        // 1 KiB batches: a small company's invoices take hundreds of batches, long enough to watch the bar move.
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Ledgerlink:Agent:BatchBytes"] = "1024" });
        using (var put = await ui.Bed.Http.PutAsJsonAsync("/integrations/hbql/branding", new
        {
            displayName = "Acme Books",
            primaryColor = "#1D4ED8",
            supportContact = "help@acme.example",
            logo = Convert.ToBase64String(TestImages.Png24x12),
        }))
        {
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        var sage = ui.Bed.NewFolder("sage");
        var demo = new DemoCompanyOptions(DemoCompanySize.Small, Seed: 7);
        DemoCompanyGenerator.Generate(sage, demo);
        var companyId = await ui.Bed.CreateCompanyAsync("Progress Ltd");
        var link = await ui.Agent.LinkAsync(companyId, ui.Bed.LinkCode(companyId), sage, DemoCompanyOptions.ManagerUserName, demo.ManagerPassword);
        Assert.True(link.ExitCode == 0, link.StandardError);

        // The branding reaches the agent with a heartbeat answer; from then on every page wears it.
        var page = await ui.Chromium.OpenAsync(ui.Ui);
        await Eventually.HoldsAsync(async () =>
        {
            await page.GotoAsync("/companies");
            return await page.Locator("#brand-name").TextContentAsync() == "Acme Books";
        }, AgentTestBed.Patience);
        Assert.Equal(Blue, await page.EvalOnSelectorAsync<string>("#brand", "h => getComputedStyle(h).backgroundColor"));
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('brand-logo'); return i && i.complete && i.naturalWidth === 24; }");
        Assert.Equal("page", await page.Locator("nav a[href='/companies']").GetAttributeAsync("aria-current"));

        // Styled by the served sheet alone: no inline style, and the policy would refuse one.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('style, [style]').length"));
        Assert.Equal(1, await page.EvaluateAsync<int>($"() => [...document.styleSheets].filter(s => s.href && new URL(s.href).pathname === '{Stylesheet.Path}').length"));
        using (var headers = await ui.UiHttp.GetAsync(new Uri("/companies", UriKind.Relative)))
        {
            var policy = Assert.Single(headers.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("style-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("style-src 'unsafe-inline'", policy, StringComparison.Ordinal);
        }

        // A sync starts while the page stays open: the page's own polling shows it and its bar moves. The browser
        // notes every value the bar takes (sampling faster than the page polls), so nothing is missed between checks.
        var card = page.Locator($"article.company[data-company='{companyId}']");
        const string bar = "article.company li[data-type='invoices'] progress";
        await page.EvaluateAsync($"() => {{ window.seen = []; setInterval(() => {{ const b = document.querySelector(\"{bar}\"); " +
                                 "if (b && b.hasAttribute('value')) window.seen.push([b.value, b.max]); }, 50); }");
        var queued = await ui.Bed.QueueAsync(companyId, DataTypeNames.Invoices);
        await page.WaitForFunctionAsync($"() => {{ const b = document.querySelector(\"{bar}\"); return b && b.hasAttribute('value') && b.value > 0; }}",
            null, new PageWaitForFunctionOptions { Timeout = (float)AgentTestBed.Patience.TotalMilliseconds });
        Assert.Equal(Blue, await page.EvalOnSelectorAsync<string>(bar, "b => getComputedStyle(b).accentColor"));
        Assert.Matches(@"^[\d,]+ of [\d,]+ records sent$", await card.Locator("li[data-type='invoices'] .count").TextContentAsync() ?? string.Empty);
        Assert.StartsWith("Syncing invoices", await card.Locator(".sync-status").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);

        // Done: the bar goes and the card says so, still without a reload.
        var done = await ui.Bed.WaitForOperationAsync(companyId, queued["id"]!.GetValue<string>(), o => o["status"]!.GetValue<string>() == "Complete",
            "the invoices sync", ui.Running);
        await page.WaitForFunctionAsync(
            "() => document.querySelector('article.company .sync-status').textContent === 'Up to date' && !document.querySelector('article.company progress')",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.True(await card.Locator(".last-failure").IsHiddenAsync());

        // The bar moved: several values, never backwards, below the record count while it ran; its maximum was the
        // data type's record count, as the cluster committed it.
        var seen = await page.EvaluateAsync<double[][]>("() => window.seen");
        var values = seen.Select(v => v[0]).ToArray();
        Assert.True(values.Distinct().Count() >= 2, $"the bar took one value only: {string.Join(", ", values.Distinct())}");
        Assert.True(values.Zip(values.Skip(1)).All(p => p.First <= p.Second), $"the bar went backwards: {string.Join(", ", values)}");
        Assert.Contains(values, v => v > 0 && v < done["recordCount"]!.GetValue<long>());
        Assert.All(seen, v => Assert.Equal(done["recordCount"]!.GetValue<long>(), (long)v[1]));

        // The Sage data moves away: the next sync fails, and the open card says which and why, in Sage's words.
        var moved = ui.Bed.NewFolder("sage-moved");
        Directory.Delete(moved);
        Directory.Move(sage, moved);
        var failing = await ui.Bed.QueueAsync(companyId, DataTypeNames.TaxRates);
        await ui.Bed.WaitForOperationAsync(companyId, failing["id"]!.GetValue<string>(), o => o["status"]!.GetValue<string>() == "FetchError",
            "the taxRates sync to fail", ui.Running);
        await page.WaitForFunctionAsync("() => !document.querySelector('article.company .last-failure').hidden", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        var failure = await card.Locator(".last-failure").TextContentAsync() ?? string.Empty;
        Assert.Contains("The taxRates sync failed on ", failure, StringComparison.Ordinal);
        Assert.Contains($"The folder {sage} does not exist.", failure, StringComparison.Ordinal);
        Assert.Equal("Last sync failed (taxRates)", await card.Locator(".sync-status").TextContentAsync());

        // A reload shows the same: the page renders what it follows.
        await page.ReloadAsync();
        Assert.False(await card.Locator(".last-failure").IsHiddenAsync());
        Assert.Contains($"The folder {sage} does not exist.", await card.Locator(".last-failure").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
    }
}
