using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Agent;

/// <summary>
/// <c>ledgerlink-agent link --licence … --code …</c> as a real agent process against a real silo process: a missing,
/// wrong or used link code is one plain line and exit code 5 (2 for a missing argument) and changes nothing; the right
/// code links, and the company's first sync completes. The expired case is in
/// <see cref="AgentUi.LinkCodeUiTests"/>, which runs a silo whose codes expire at once.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class AgentLinkCodeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Link_command_refuses_a_missing_wrong_or_used_code_and_with_the_right_one_links_and_the_first_sync_completes()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var (location, _) = BundledDemoCompany.Ensure(bed.NewFolder("sage"));
        var companyId = await bed.CreateCompanyAsync("Hebden Oak Joinery Ltd");
        var code = bed.LinkCode(companyId);
        var agent = bed.Agent();

        var missing = await agent.LinkAsync(companyId, null, location.DataDirectory, location.UserName, location.Password);
        Assert.True(missing.ExitCode == 2, $"exit code {missing.ExitCode}: {missing.StandardError}");
        Assert.Contains("Missing --code", missing.StandardError, StringComparison.Ordinal);

        var wrong = await agent.LinkAsync(companyId, "0000-0000-0000-0000-0000-0000-0000", location.DataDirectory, location.UserName, location.Password);
        LinkRefusal.Verify(wrong, "The licence key and link code do not match.", code, companyId, agent);
        Assert.Equal("PendingAuth", await bed.ConnectionStatusAsync(companyId));

        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, code, location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");
        Assert.Contains("Linked Hebden Oak Joinery Ltd", link.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("Linked", await bed.ConnectionStatusAsync(companyId));
        await bed.RefreshAllAsync(companyId);
        await bed.WaitForAllCompleteAsync(companyId, running);

        // The same code again, from another installation: used, and the company stays with the first connector.
        var connections = await bed.Http.GetJsonAsync($"/companies/{companyId}/connections");
        var second = bed.Agent();
        var used = await second.LinkAsync(companyId, code, location.DataDirectory, location.UserName, location.Password);
        LinkRefusal.Verify(used, "This link code has already been used.", code, companyId, second);
        Assert.Equal(connections.ToJsonString(), (await bed.Http.GetJsonAsync($"/companies/{companyId}/connections")).ToJsonString());

        // The code never reaches a log line of the silo or the agent.
        Assert.DoesNotContain(code, string.Join('\n', bed.Silo.Process.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain(code, string.Join('\n', running.Lines), StringComparison.Ordinal);
    }
}
