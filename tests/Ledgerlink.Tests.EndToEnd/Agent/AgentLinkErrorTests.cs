using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Tests.Agent;

/// <summary>
/// <c>ledgerlink-agent link</c> checks the Sage 50 company before anything else: a wrong folder, a wrong password or a
/// folder that is not Sage data gives one plain line, a non-zero exit code, no stack trace and never the password.
/// No cluster is needed for that (the gateway configured here has nobody listening).
/// </summary>
public sealed class AgentLinkErrorTests : IDisposable
{
    private const string Password = "S3cret-Passw0rd!";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ledgerlink-link-{Guid.NewGuid():N}");
    private readonly AgentProcess _agent;

    public AgentLinkErrorTests()
    {
        Directory.CreateDirectory(_root);
        _agent = new AgentProcess(Path.Combine(_root, "agent"), $"127.0.0.1:{AzuriteServer.FreeTcpPort()}", "nobody", "nobody");
    }

    [Fact]
    public async Task Wrong_data_directory_is_one_clear_line()
    {
        var result = await _agent.LinkAsync("company-1", "0000-0000-0000-0000-0000-0000-0000", Path.Combine(_root, "no-such-folder"), "MANAGER", Password);
        AssertOneLineFailure(result, "does not exist");
    }

    [Fact]
    public async Task Wrong_password_is_one_clear_line()
    {
        var (location, _) = BundledDemoCompany.Ensure(Path.Combine(_root, "demo"));
        var result = await _agent.LinkAsync("company-1", "0000-0000-0000-0000-0000-0000-0000", location.DataDirectory, location.UserName, Password);
        AssertOneLineFailure(result, "password");
    }

    [Fact]
    public async Task Folder_that_is_not_Sage_data_is_one_clear_line()
    {
        var folder = Path.Combine(_root, "documents");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "letter.txt"), "Dear Sir");
        var result = await _agent.LinkAsync("company-1", "0000-0000-0000-0000-0000-0000-0000", folder, "MANAGER", Password);
        AssertOneLineFailure(result, "not a Sage 50 data folder");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Temp is cleaned by the OS.
        }
    }

    private void AssertOneLineFailure(ProcessResult result, string expected)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 3, $"exit code {result.ExitCode}: {output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:\n{output}");
        Assert.StartsWith("Cannot link: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", output);
        Assert.DoesNotContain("Exception", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);

        // Nothing was kept for a company that could not be opened, and the password is in no file of the agent's.
        foreach (var file in Directory.EnumerateFiles(_agent.DataFolder, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Password, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
