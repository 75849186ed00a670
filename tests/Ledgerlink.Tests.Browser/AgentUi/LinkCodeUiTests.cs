using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.AgentUi;

/// <summary>
/// An expired link code, in the link wizard (headless Chromium) and in <c>ledgerlink-agent link</c>, against a real silo
/// process whose codes expire as soon as they are issued (<c>Ledgerlink:Grains:LinkCodeLifetime</c> of one tick: storing
/// the code takes longer, so nothing waits). Wrong and used codes are in <see cref="AgentUiTests"/> and
/// <see cref="AgentLinkCodeTests"/>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LinkCodeUiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_expired_code_is_refused_with_its_own_message_by_the_wizard_and_the_link_command_and_changes_nothing()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString, siloSettings: [new("Ledgerlink:Grains:LinkCodeLifetime", "00:00:00.0000001")]);
        var (location, _) = BundledDemoCompany.Ensure(ui.Bed.NewFolder("sage"));
        var companyId = await ui.Bed.CreateCompanyAsync("Expired Joinery Ltd");
        var code = ui.Bed.LinkCode(companyId);
        var page = await ui.Chromium.OpenAsync(ui.Ui);

        var shown = await AgentUiTests.ConfirmLinkAsync(page, companyId, code, location.DataDirectory, location.UserName, location.Password);
        Assert.Contains("This link code has expired. Ask the company that sent it for a new link code.", shown, StringComparison.Ordinal);
        Assert.Equal("PendingAuth", await ui.Bed.ConnectionStatusAsync(companyId));

        var cli = await ui.Agent.LinkAsync(companyId, code, location.DataDirectory, location.UserName, location.Password);
        LinkRefusal.Verify(cli, "This link code has expired.", code, companyId, ui.Agent);
        Assert.Equal("PendingAuth", await ui.Bed.ConnectionStatusAsync(companyId));
        await page.GotoAsync("/companies");
        Assert.DoesNotContain(companyId, await page.ContentAsync(), StringComparison.Ordinal);
    }
}
