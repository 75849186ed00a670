using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Agent;

/// <summary>The real agent process against a real silo process: link the bundled demo company, refresh everything, compare.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentFullSyncTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Full_sync_of_the_bundled_demo_company_commits_exactly_what_the_readers_read_and_the_books_balance()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var (location, _) = BundledDemoCompany.Ensure(bed.NewFolder("sage"));
        var companyId = await bed.CreateCompanyAsync("Hebden Oak Joinery Ltd");
        Assert.Equal("PendingAuth", await bed.ConnectionStatusAsync(companyId));

        // Small batches, so the larger data types go as many batches and the pipeline is exercised.
        var agent = bed.Agent(settings: new Dictionary<string, string?> { ["Ledgerlink:Agent:BatchBytes"] = "8192" });
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");
        Assert.Contains("Linked", link.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("Linked", await bed.ConnectionStatusAsync(companyId));

        await bed.RefreshAllAsync(companyId);
        await bed.WaitForAllCompleteAsync(companyId, running);

        var multiBatch = 0;
        foreach (var dataType in DataTypeNames.All)
        {
            var expected = await DirectRead.NdjsonAsync(location, dataType);
            var committed = await bed.CommittedAsync(companyId, dataType);
            Assert.NotNull(committed);
            var stored = await bed.ReadCommittedAsync(committed);
            Assert.True(DirectRead.CountLines(expected) > 0, $"{dataType}: the demo company has no records");
            Assert.Equal(DirectRead.CountLines(expected), committed.RecordCount);
            Assert.Equal(DirectRead.CountLines(expected), DirectRead.CountLines(stored));
            Assert.True(AgentTestBed.Sha256(expected) == AgentTestBed.Sha256(stored), $"{dataType}: stored records differ from what the readers read");
            multiBatch += committed.Blocks.Count > 1 ? 1 : 0;
        }

        Assert.True(multiBatch >= 3, "expected several data types to span more than one batch");

        // The licence key (the company id) never reaches the agent's log above Debug: not the console, not the files.
        Assert.DoesNotContain(companyId, string.Join('\n', running.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain(companyId, link.StandardOutput + link.StandardError, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(agent.DataFolder, "logs")))
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            Assert.DoesNotContain(companyId, await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        var journal = await bed.ReadCommittedAsync((await bed.CommittedAsync(companyId, DataTypeNames.JournalEntries))!);
        var trialBalance = DirectRead.TrialBalance(journal);
        Assert.True(trialBalance.Count > 5 && trialBalance.Values.Any(v => v != 0), "the journal has no postings");
        Assert.True(trialBalance.Values.Sum() == 0, $"the trial balance is out by {DirectRead.Pounds(trialBalance.Values.Sum())}");

        // Nothing secret in the agent's own output.
        Assert.DoesNotContain(location.Password, string.Join('\n', running.Lines), StringComparison.Ordinal);
    }
}
