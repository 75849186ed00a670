using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Testing.Agent;

/// <summary>How the agent's command line refuses a link (wrong, used or expired code): checked the same way everywhere.</summary>
public static class LinkRefusal
{
    /// <summary>One plain line, exit code 5, and the company was not kept on the agent.</summary>
    public static void Verify(ProcessResult result, string expected, string code, string companyId, AgentProcess agent)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 5, $"exit code {result.ExitCode}: {output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:\n{output}");
        Assert.StartsWith("Cannot link: " + expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(code, output, StringComparison.Ordinal);
        var companies = Path.Combine(agent.DataFolder, "companies.json");
        Assert.False(File.Exists(companies) && File.ReadAllText(companies).Contains(companyId, StringComparison.Ordinal), "the refused company was kept");
    }
}
