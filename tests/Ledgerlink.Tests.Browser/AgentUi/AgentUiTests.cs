using System.Text.Json;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ledgerlink.Tests.AgentUi;

/// <summary>The agent's local web UI in headless Chromium, against a real agent process and a real silo process.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentUiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task About_shows_the_connector_id_and_Copy_puts_it_on_the_clipboard()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        var connectorId = ConnectorIdOf(ui);
        var page = await ui.Chromium.OpenAsync(ui.Ui);

        await page.GotoAsync("/about");
        Assert.Equal(connectorId, await page.Locator("#connector-id").TextContentAsync());
        Assert.Equal("Online", await page.Locator("#connection").TextContentAsync());
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#version").TextContentAsync()));

        await page.ClickAsync("#copy");
        await page.Locator("#copied").Filter(new LocatorFilterOptions { HasText = "Copied" }).WaitForAsync();
        Assert.Equal(connectorId, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    [Fact]
    public async Task Linking_shows_clear_errors_then_the_company_details_and_after_Confirm_the_company_syncs_to_Complete()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        var (location, _) = BundledDemoCompany.Ensure(ui.Bed.NewFolder("sage"));
        File.WriteAllLines(ui.CompanyFile, [location.DataDirectory]);
        var companyId = await ui.Bed.CreateCompanyAsync("Hebden Oak Joinery via Acme Books");

        // The SMB user reads the licence key and the link code off the connection's linkUrl page.
        var connection = await ui.Bed.RenewLinkCodeAsync(companyId);
        var linkPage = await ui.Chromium.OpenAsync(ui.Bed.Silo.BaseAddress);
        await linkPage.GotoAsync(connection["linkUrl"]!.GetValue<string>());
        Assert.Equal(companyId, await linkPage.Locator("#licence").TextContentAsync());
        var code = await linkPage.Locator("#link-code").TextContentAsync() ?? string.Empty;
        Assert.Equal(connection["linkCode"]!.GetValue<string>(), code);
        Assert.Equal(ui.Bed.LinkCode(companyId), code);
        var notSage = ui.Bed.NewFolder("not-sage");
        await File.WriteAllTextAsync(Path.Combine(notSage, "notes.txt"), "not a company");
        var page = await ui.Chromium.OpenAsync(ui.Ui);

        // The company Sage lists on this machine is offered, and choosing it fills in the data directory.
        await page.GotoAsync("/link");
        await page.ClickAsync("#found a");
        Assert.Equal(location.DataDirectory, await page.InputValueAsync("#dataDirectory"));

        Assert.Contains("Wrong user name or password", await SubmitLinkAsync(page, companyId, code, location.DataDirectory, location.UserName, "not-the-password"), StringComparison.Ordinal);
        Assert.Contains("Wrong path", await SubmitLinkAsync(page, companyId, code, Path.Combine(notSage, "missing"), location.UserName, location.Password), StringComparison.Ordinal);
        Assert.Contains("Not Sage data", await SubmitLinkAsync(page, companyId, code, notSage, location.UserName, location.Password), StringComparison.Ordinal);
        Assert.Contains("Enter the licence key, the link code", await SubmitLinkAsync(page, companyId, "", location.DataDirectory, location.UserName, location.Password), StringComparison.Ordinal);
        Assert.Contains("The licence key and link code do not match.",
            await ConfirmLinkAsync(page, companyId, "0000-0000-0000-0000-0000-0000-0000", location.DataDirectory, location.UserName, location.Password), StringComparison.Ordinal);
        Assert.Equal("PendingAuth", await ui.Bed.ConnectionStatusAsync(companyId));

        await page.GotoAsync("/link");
        await FillLinkFormAsync(page, companyId, code, location.DataDirectory, location.UserName, location.Password);
        await page.ClickAsync("#link-submit");
        await page.Locator("#confirm").WaitForAsync();
        var expected = JsonNode.Parse((await DirectRead.NdjsonAsync(location, DataTypeNames.Company)).AsSpan()[..^1])!;
        Assert.Equal(expected["companyName"]!.GetValue<string>(), await page.Locator("#company-name").TextContentAsync());
        Assert.Equal(expected["taxNumber"]!.GetValue<string>(), await page.Locator("#company-vat").TextContentAsync());
        Assert.Equal(expected["financialYearStartDate"]!.GetValue<string>()[..10], await page.Locator("#company-year-start").TextContentAsync());
        Assert.Contains(expected["addresses"]![0]!["line1"]!.GetValue<string>(), await page.Locator("#company-address").TextContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#confirm");
        await page.WaitForURLAsync("**/companies?**");
        Assert.Contains("first sync has started", await page.Locator("#info").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Linked", await ui.Bed.ConnectionStatusAsync(companyId));
        await ui.Bed.WaitForAllCompleteAsync(companyId, ui.Running);

        // The password stayed on this machine: stored locally, and in no log line.
        var stored = await File.ReadAllTextAsync(Path.Combine(ui.Agent.DataFolder, "companies.json"));
        Assert.Contains(companyId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(location.Password, string.Join('\n', ui.Running.Lines), StringComparison.Ordinal);

        await page.GotoAsync("/licence");
        var licences = await page.Locator("#licences").TextContentAsync();
        Assert.Contains("Hebden Oak Joinery via Acme Books", licences, StringComparison.Ordinal);
        Assert.Contains(companyId, licences, StringComparison.Ordinal);

        // The code is used up: entering it again is refused with its own message, and the company stays linked.
        Assert.Contains("This link code has already been used.",
            await ConfirmLinkAsync(page, companyId, code, location.DataDirectory, location.UserName, location.Password), StringComparison.Ordinal);
        Assert.Equal("Linked", await ui.Bed.ConnectionStatusAsync(companyId));
        Assert.DoesNotContain(code, string.Join('\n', ui.Running.Lines), StringComparison.Ordinal);

        var row = page.Locator($"article.company[data-company='{companyId}']");
        await Eventually.ValueAsync(
            async () =>
            {
                await page.GotoAsync("/companies");
                return (await row.Locator(".sync-status").TextContentAsync(), await row.Locator(".last-sync").TextContentAsync());
            },
            s => s.Item1 == "Up to date" && s.Item2 != "never",
            AgentTestBed.Patience,
            "the Companies page to show the company up to date");
    }

    [Fact]
    public async Task Restart_link_shows_once_support_enables_it_and_pressing_it_cancels_the_running_sync_and_a_new_worker_comes_online()
    {
        // A journal of ~7,000 entries in 1 KiB batches is thousands of batches: a sync that cannot finish before the press,
        // however loaded the machine.
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Ledgerlink:Agent:BatchBytes"] = "1024" });
        var connectorId = ConnectorIdOf(ui);
        var sage = ui.Bed.NewFolder("sage");
        var options = new DemoCompanyOptions(20_000, Seed: 7);
        DemoCompanyGenerator.Generate(sage, options);
        var companyId = await ui.Bed.CreateCompanyAsync("Restart Ltd");
        var link = await ui.Agent.LinkAsync(companyId, ui.Bed.LinkCode(companyId), sage, DemoCompanyOptions.ManagerUserName, options.ManagerPassword);
        Assert.True(link.ExitCode == 0, link.StandardError);

        var page = await ui.Chromium.OpenAsync(ui.Ui);
        await page.GotoAsync("/about");
        Assert.Equal(0, await page.Locator("#restart").CountAsync());

        await ui.EnableRestartLinkAsync(connectorId, enabled: true);
        await Eventually.ValueAsync(
            async () =>
            {
                await page.GotoAsync("/about");
                return await page.Locator("#restart").CountAsync();
            },
            count => count == 1,
            AgentTestBed.Patience,
            "the Restart connector link to show");

        var before = (await ui.StatusAsync())["workerId"]!.GetValue<string>();
        var journalId = (await ui.Bed.QueueAsync(companyId, DataTypeNames.JournalEntries))["id"]!.GetValue<string>();
        await ui.Bed.WaitForOperationAsync(companyId, journalId,
            o => o["status"]!.GetValue<string>() == "Fetching" && o["recordCount"]!.GetValue<long>() > 0, "the journal sync to be part-stored", ui.Running);
        var running = new[] { journalId };

        await page.ClickAsync("#restart");
        await page.Locator("#restarting").WaitForAsync();

        // Every sync given to the agent ends: Cancelled with the reason, or Complete if it finished just before the press.
        var cancelledCount = 0;
        foreach (var datasetId in running)
        {
            var ended = await ui.Bed.WaitForOperationAsync(companyId, datasetId, o => o["status"]!.GetValue<string>() is not ("Fetching" or "Queued"),
                $"sync {datasetId} to end", ui.Running);
            if (ended["status"]!.GetValue<string>() == "Complete")
            {
                continue;
            }

            Assert.Equal("Cancelled", ended["status"]!.GetValue<string>());
            Assert.Contains("the connector restarted", ended["statusDescription"]!.GetValue<string>(), StringComparison.Ordinal);
            cancelledCount++;
        }

        Assert.True(cancelledCount > 0, "the running sync was cancelled");

        var after = await ui.WaitOnlineAsync(notWorker: before);
        Assert.True(ui.Running is { HasExited: false }, "the supervisor itself keeps running");
        AssertRestartedInProcessNotCrashed(ui);
        var connector = await Eventually.ValueAsync(() => ui.ConnectorAsync(connectorId), c => c["online"]!.GetValue<bool>(), AgentTestBed.Patience, "the connector online");
        Assert.Equal(after["processId"]!.GetValue<int>(), connector["processId"]!.GetValue<int>());

        // The page notices the new worker and returns to About; work queued after the restart runs.
        try
        {
            await page.WaitForURLAsync("**/about");
        }
        catch (TimeoutException)
        {
            var seen = await page.EvaluateAsync<string>("() => fetch('/api/status').then(r => r.text()).catch(e => 'error ' + e)");
            Assert.Fail($"the restart page stayed on {page.Url}; /api/status from the page: {seen}; after: {after.ToJsonString()}");
        }

        var queued = await ui.Bed.QueueAsync(companyId, DataTypeNames.TaxRates);
        await ui.Bed.WaitForOperationAsync(companyId, queued["id"]!.GetValue<string>(), o => o["status"]!.GetValue<string>() == "Complete", "taxRates after the restart", ui.Running);
    }

    [Fact]
    public async Task Pause_keeps_a_refresh_Queued_and_Resume_lets_it_run()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        var connectorId = ConnectorIdOf(ui);
        var (location, _) = BundledDemoCompany.Ensure(ui.Bed.NewFolder("sage"));
        var companyId = await ui.Bed.CreateCompanyAsync("Pause Ltd");
        var link = await ui.Agent.LinkAsync(companyId, ui.Bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, link.StandardError);

        var page = await ui.Chromium.OpenAsync(ui.Ui);
        var row = page.Locator($"article.company[data-company='{companyId}']");
        await page.GotoAsync("/companies");
        await row.Locator("button.pause").ClickAsync();
        await page.WaitForURLAsync("**/companies?**");
        Assert.StartsWith("Paused", await row.Locator(".sync-status").TextContentAsync(), StringComparison.Ordinal);

        var queued = await ui.Bed.QueueAsync(companyId, DataTypeNames.Customers);
        var datasetId = queued["id"]!.GetValue<string>();
        var held = await Eventually.ValueAsync(
            () => ui.ConnectorAsync(connectorId),
            c => c["runningSyncs"]!.AsArray().Any(s => s!["id"]!.GetValue<string>() == datasetId),
            AgentTestBed.Patience,
            "the refresh among the connector's syncs");
        var sync = held["runningSyncs"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == datasetId)!;
        Assert.True(sync["heldByPause"]!.GetValue<bool>(), sync.ToJsonString());
        Assert.Equal("Queued", sync["status"]!.GetValue<string>());

        // A heartbeat round later the agent still has not been given it.
        var agentStatus = await Eventually.ValueAsync(ui.StatusAsync, s => s["pausedCompanyIds"]!.AsArray().Any(c => c!.GetValue<string>() == companyId),
            AgentTestBed.Patience, "the agent's session to list the company paused");
        Assert.Equal("Online", agentStatus["connection"]!.GetValue<string>());
        Assert.Equal("Queued", (await ui.Bed.OperationAsync(companyId, datasetId))["status"]!.GetValue<string>());

        await row.Locator("button.resume").ClickAsync();
        await page.WaitForURLAsync("**/companies?**");
        Assert.DoesNotContain("Paused", await row.Locator(".sync-status").TextContentAsync(), StringComparison.Ordinal);
        await ui.Bed.WaitForOperationAsync(companyId, datasetId, o => o["status"]!.GetValue<string>() == "Complete", "the refresh to complete after Resume", ui.Running);
    }

    private static async Task<string> SubmitLinkAsync(IPage page, string licence, string code, string dataDirectory, string user, string password)
    {
        await page.GotoAsync("/link");
        await FillLinkFormAsync(page, licence, code, dataDirectory, user, password);
        await page.ClickAsync("#link-submit");
        return await page.Locator("#error").TextContentAsync() ?? string.Empty;
    }

    /// <summary>Fills in the form, which the Sage data passes, and presses Confirm: the cluster's answer is the error shown.</summary>
    internal static async Task<string> ConfirmLinkAsync(IPage page, string licence, string code, string dataDirectory, string user, string password)
    {
        await page.GotoAsync("/link");
        await FillLinkFormAsync(page, licence, code, dataDirectory, user, password);
        await page.ClickAsync("#link-submit");
        await page.ClickAsync("#confirm");
        await page.Locator("#error").WaitForAsync();
        return await page.Locator("#error").TextContentAsync() ?? string.Empty;
    }

    private static async Task FillLinkFormAsync(IPage page, string licence, string code, string dataDirectory, string user, string password)
    {
        await page.FillAsync("#licence", licence);
        await page.FillAsync("#link-code", code);
        await page.FillAsync("#dataDirectory", dataDirectory);
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
    }

    /// <summary>
    /// The worker restarted inside its process (its host number <paramref name="host"/> started after the old host
    /// stopped), not by crashing, and the supervisor did not have to start a new process.
    /// </summary>
    internal static void AssertRestartedInProcessNotCrashed(AgentUiTestBed ui, int host = 2)
    {
        var lines = string.Join('\n', ui.Running.Lines);
        Assert.Contains($"Restarting in this process: host {host} starting", lines, StringComparison.Ordinal);
        Assert.DoesNotContain("asked for a restart; starting a new one", lines, StringComparison.Ordinal);
        Assert.DoesNotContain("crashed", lines, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", lines, StringComparison.Ordinal);
    }

    internal static string ConnectorIdOf(AgentUiTestBed ui)
    {
        using var identity = JsonDocument.Parse(File.ReadAllText(Path.Combine(ui.Agent.DataFolder, "identity.json")));
        return identity.RootElement.GetProperty("connectorId").GetString()!;
    }
}
