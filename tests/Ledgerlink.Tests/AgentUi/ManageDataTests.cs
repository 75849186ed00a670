using System.Net.Http.Json;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Tests.Agent;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ledgerlink.Tests.AgentUi;

/// <summary>"Manage your data" in the agent's local UI: reset and restore, confirmed by the owner's email address.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ManageDataTests(AzuriteFixture azurite)
{
    private const string Owner = "owner@example.com";

    [Fact]
    public async Task Only_the_owners_email_resets_the_synced_data_and_Restore_brings_it_back()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        var (location, _) = BundledDemoCompany.Ensure(ui.Bed.NewFolder("sage"));
        var companyId = await ui.Bed.CreateCompanyAsync("Manage Ltd");
        var link = await ui.Agent.LinkAsync(companyId, ui.Bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, link.StandardError);
        var queued = await ui.Bed.QueueAsync(companyId, DataTypeNames.Customers);
        await ui.Bed.WaitForOperationAsync(companyId, queued["id"]!.GetValue<string>(), o => o["status"]!.GetValue<string>() == "Complete",
            "the customers sync to complete", ui.Running);
        var synced = await CustomerCountAsync(ui, companyId);
        Assert.True(synced > 0, "the demo company has customers");

        var page = await ui.Chromium.OpenAsync(ui.Ui);
        await page.GotoAsync("/about");
        await page.ClickAsync("nav a[href='/manage']");
        var company = page.Locator($"section.manage[data-company='{companyId}']");

        Assert.Contains("Only the company's owner may reset", await PressAsync(page, company, "reset", "someone.else@example.com", "#error"), StringComparison.Ordinal);
        Assert.Equal(synced, await CustomerCountAsync(ui, companyId));

        Assert.Contains("nothing to restore", await PressAsync(page, company, "restore", Owner, "#error"), StringComparison.Ordinal);
        Assert.Equal(synced, await CustomerCountAsync(ui, companyId));

        await SetBankFeedsAsync(ui, companyId, connected: true);
        Assert.Contains("bank feeds are connected", await PressAsync(page, company, "reset", Owner, "#error"), StringComparison.Ordinal);
        Assert.Equal(synced, await CustomerCountAsync(ui, companyId));
        await SetBankFeedsAsync(ui, companyId, connected: false);

        Assert.StartsWith("Synced data reset", await PressAsync(page, company, "reset", "  OWNER@example.com ", "#info"), StringComparison.Ordinal);
        Assert.Equal(0, await CustomerCountAsync(ui, companyId));

        Assert.Contains("Only the company's owner may restore", await PressAsync(page, company, "restore", "owner@example.org", "#error"), StringComparison.Ordinal);
        Assert.Equal(0, await CustomerCountAsync(ui, companyId));

        Assert.StartsWith("Synced data restored", await PressAsync(page, company, "restore", Owner, "#info"), StringComparison.Ordinal);
        Assert.Equal(synced, await CustomerCountAsync(ui, companyId));
    }

    private static async Task<string> PressAsync(IPage page, ILocator company, string action, string email, string message)
    {
        await company.Locator("input.owner-email").FillAsync(email);
        await company.Locator($"button.{action}").ClickAsync();
        await page.WaitForURLAsync("**/manage?**");
        return await page.Locator(message).TextContentAsync() ?? string.Empty;
    }

    private static async Task SetBankFeedsAsync(AgentUiTestBed ui, string companyId, bool connected)
    {
        using var response = await ui.Bed.Http.PatchAsJsonAsync($"/companies/{companyId}", new { bankFeedsConnected = connected });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> CustomerCountAsync(AgentUiTestBed ui, string companyId) =>
        (await ui.Bed.Http.GetJsonAsync($"/companies/{companyId}/data/customers"))["totalResults"]!.GetValue<int>();
}
