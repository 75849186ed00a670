using System.Net.Http.Json;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.MailDev;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ledgerlink.Tests.AgentUi;

/// <summary>
/// "Manage your data" in the agent's local UI: reset and restore ask Ledgerlink to email the owner ("we have emailed
/// the owner"), nothing changes at the PC, and the owner confirms from the email in the browser; attempts are limited.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ManageDataTests(AzuriteFixture azurite)
{
    private const string Owner = "owner@example.com";

    [Fact]
    public async Task Reset_and_restore_from_the_agent_UI_email_the_owner_and_happen_only_when_the_owner_confirms_in_the_browser()
    {
        await using var mail = await MailDevServer.StartAsync();
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString, siloSettings: mail.SiloSettings);
        var (location, _) = BundledDemoCompany.Ensure(ui.Bed.NewFolder("sage"));
        var companyId = await ui.Bed.CreateCompanyAsync("Manage Ltd");
        await OwnerMail.VerifyOwnerAsync(mail, Owner);
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
        Assert.Equal(0, await company.Locator("input.owner-email").CountAsync());

        Assert.Contains("nothing to restore", await PressAsync(page, company, "restore", "#error"), StringComparison.Ordinal);
        Assert.Equal(synced, await CustomerCountAsync(ui, companyId));

        await SetBankFeedsAsync(ui, companyId, connected: true);
        Assert.Contains("bank feeds are connected", await PressAsync(page, company, "reset", "#error"), StringComparison.Ordinal);
        Assert.Equal(synced, await CustomerCountAsync(ui, companyId));
        await SetBankFeedsAsync(ui, companyId, connected: false);

        // Pressing Reset at the PC only asks: the owner is emailed, exactly once, and the data is untouched until they confirm.
        var before = (await mail.EmailsToAsync(Owner)).Count;
        Assert.StartsWith("We have emailed the company's owner", await PressAsync(page, company, "reset", "#info"), StringComparison.Ordinal);
        var resetEmail = await OwnerMail.WaitForEmailAsync(mail, Owner, "Confirm the reset");
        Assert.Equal(before + 1, (await mail.EmailsToAsync(Owner)).Count);
        Assert.Equal(synced, await CustomerCountAsync(ui, companyId));

        Assert.Contains("was reset", await ConfirmInBrowserAsync(ui, resetEmail), StringComparison.Ordinal);
        Assert.Equal(0, await CustomerCountAsync(ui, companyId));

        await page.GotoAsync("/manage");
        Assert.StartsWith("We have emailed the company's owner", await PressAsync(page, company, "restore", "#info"), StringComparison.Ordinal);
        var restoreEmail = await OwnerMail.WaitForEmailAsync(mail, Owner, "Confirm the restore");
        Assert.Equal(0, await CustomerCountAsync(ui, companyId));
        Assert.Contains("was restored", await ConfirmInBrowserAsync(ui, restoreEmail), StringComparison.Ordinal);
        Assert.Equal(synced, await CustomerCountAsync(ui, companyId));

        // Attempts are limited: after five emails in an hour (two above, three here) the sixth press is refused.
        await page.GotoAsync("/manage");
        for (var i = 0; i < 3; i++)
        {
            Assert.StartsWith("We have emailed", await PressAsync(page, company, "reset", "#info"), StringComparison.Ordinal);
        }

        var emails = (await mail.EmailsToAsync(Owner)).Count;
        Assert.Contains("emailed 5 times in the last hour", await PressAsync(page, company, "reset", "#error"), StringComparison.Ordinal);
        Assert.Equal(emails, (await mail.EmailsToAsync(Owner)).Count);
        Assert.Equal(synced, await CustomerCountAsync(ui, companyId));
    }

    private static async Task<string> PressAsync(IPage page, ILocator company, string action, string message)
    {
        await company.Locator($"button.{action}").ClickAsync();
        await page.WaitForURLAsync("**/manage?**");
        return await page.Locator(message).TextContentAsync() ?? string.Empty;
    }

    /// <summary>The owner opens the email's link in a browser (a page of its own: no agent UI involved) and presses Confirm.</summary>
    private static async Task<string> ConfirmInBrowserAsync(AgentUiTestBed ui, Testing.MailDev.ReceivedEmail email)
    {
        var link = OwnerMail.Link(email);
        var owner = await ui.Chromium.OpenAsync(new Uri(link.GetLeftPart(UriPartial.Authority)));
        await owner.GotoAsync(link.PathAndQuery);
        Assert.Equal(OwnerMail.Code(email), await owner.Locator("#code").InputValueAsync());
        await owner.ClickAsync("#confirm");
        await owner.WaitForSelectorAsync("#status");
        return await owner.Locator("#status").TextContentAsync() ?? string.Empty;
    }

    private static async Task SetBankFeedsAsync(AgentUiTestBed ui, string companyId, bool connected)
    {
        using var response = await ui.Bed.Http.PatchAsJsonAsync($"/companies/{companyId}", new { bankFeedsConnected = connected });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> CustomerCountAsync(AgentUiTestBed ui, string companyId) =>
        (await ui.Bed.Http.GetJsonAsync($"/companies/{companyId}/data/customers"))["totalResults"]!.GetValue<int>();
}
