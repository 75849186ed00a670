using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Testing.Agent;

/// <summary>What the interrupted-sync tests (agent killed, cluster gone, network cut) observe and check alike.</summary>
public static partial class InterruptedSync
{
    public static async Task LinkAsync(AgentProcess agent, LargeDemoCompanyFixture company, string companyId, string linkCode)
    {
        var link = await agent.LinkAsync(companyId, linkCode, company.Location.DataDirectory, company.Location.UserName, company.Location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");
    }

    /// <summary>The committed journal is byte for byte what the readers read: nothing lost, duplicated or reordered.</summary>
    public static async Task AssertCommittedJournalIsExactAsync(AgentTestBed bed, LargeDemoCompanyFixture company, string companyId, string datasetId)
    {
        var expected = await company.JournalEntriesAsync();
        var committed = await bed.CommittedAsync(companyId, DataTypeNames.JournalEntries);
        Assert.NotNull(committed);
        Assert.Equal(datasetId, committed.DatasetId);
        var stored = await bed.ReadCommittedAsync(committed);
        Assert.Equal(DirectRead.CountLines(expected), committed.RecordCount);
        Assert.Equal(DirectRead.CountLines(expected), DirectRead.CountLines(stored));
        Assert.True(AgentTestBed.Sha256(expected) == AgentTestBed.Sha256(stored), "records were lost, duplicated or reordered");
    }

    public static int Retries(ChildProcess agent) => agent.Lines.Count(l => l.Contains("trying again in", StringComparison.Ordinal));

    public static bool IsMidway(JsonNode operation) => operation["status"]!.GetValue<string>() == "Fetching" && RecordCount(operation) > 0;

    public static bool IsFinished(JsonNode operation) => operation["status"]!.GetValue<string>() is not ("Queued" or "Fetching");

    public static long RecordCount(JsonNode operation) => operation["recordCount"]!.GetValue<long>();

    /// <summary>The highest batch the agent said it started a pull at (-1: none logged).</summary>
    public static long ResumedFrom(ChildProcess agent) =>
        agent.Lines.Select(l => StartedAt().Match(l)).Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();

    [GeneratedRegex(@"starting at batch (\d+)")]
    private static partial Regex StartedAt();
}
