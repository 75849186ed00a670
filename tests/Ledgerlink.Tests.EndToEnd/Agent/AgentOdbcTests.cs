using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Testing.Sage50.Odbc;
using Ledgerlink.Tests.Infrastructure;
using Ledgerlink.Tests.Sage50.Odbc;

namespace Ledgerlink.Tests.Agent;

/// <summary>
/// The real agent process configured to read Sage 50 through ODBC (<c>Ledgerlink:Agent:Sage50:Source=Odbc</c>: here
/// unixODBC and the SQLite ODBC driver over the demo company), against a real silo process: it links and syncs every
/// data type to exactly what the direct SQLite source reads, and its link errors are the same one-line answers.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class AgentOdbcTests(AzuriteFixture azurite) : IDisposable
{
    private const string Password = "S3cret-Passw0rd!";
    private static readonly Dictionary<string, string?> Odbc = new() { ["Ledgerlink:Agent:Sage50:Source"] = "Odbc" };
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ledgerlink-agent-odbc-{Guid.NewGuid():N}");

    [Fact]
    public async Task An_agent_reading_through_ODBC_syncs_the_whole_demo_company_exactly()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        // The demo company with a password of its own, so that "never in the output" means something.
        var manifest = DemoCompanyGenerator.Generate(bed.NewFolder("sage"), BundledDemoCompany.Options with { ManagerPassword = Password });
        var location = DemoCompanyGenerator.LocationOf(manifest);
        var companyId = await bed.CreateCompanyAsync("Hebden Oak Joinery Ltd");

        var agent = bed.Agent(settings: new Dictionary<string, string?>(Odbc) { ["Ledgerlink:Agent:BatchBytes"] = "8192" });
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");

        await bed.RefreshAllAsync(companyId);
        await bed.WaitForAllCompleteAsync(companyId, running);

        foreach (var dataType in DataTypeNames.All)
        {
            var expected = await DirectRead.NdjsonAsync(location, dataType);
            var committed = await bed.CommittedAsync(companyId, dataType);
            Assert.NotNull(committed);
            var stored = await bed.ReadCommittedAsync(committed);
            Assert.True(DirectRead.CountLines(expected) > 0, $"{dataType}: the demo company has no records");
            Assert.Equal(DirectRead.CountLines(expected), committed.RecordCount);
            Assert.True(AgentTestBed.Sha256(expected) == AgentTestBed.Sha256(stored), $"{dataType}: records synced through ODBC differ from the SQLite source's");
        }

        // The agent says which driver it used, and nothing secret.
        var output = string.Join('\n', running.Lines);
        Assert.Contains("through the ODBC driver SQLite3", output, StringComparison.Ordinal);
        Assert.DoesNotContain(location.Password, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Linking_through_ODBC_with_a_wrong_password_is_one_clear_line()
    {
        var (location, _) = BundledDemoCompany.Ensure(Path.Combine(_root, "demo"));
        Assert.NotEqual(Password, location.Password);
        var result = await OfflineAgent(Odbc).LinkAsync("company-1", "0000-0000-0000-0000-0000-0000-0000", location.DataDirectory, location.UserName, Password);
        AssertOneLineFailure(result, "rejected the user name or password");
    }

    [Fact]
    public async Task Linking_through_a_missing_ODBC_driver_is_one_clear_line_naming_it()
    {
        var (location, _) = BundledDemoCompany.Ensure(Path.Combine(_root, "demo"));
        var settings = new Dictionary<string, string?>(Odbc) { ["Ledgerlink:Agent:Sage50:DemoOdbcDriver"] = "Missing SQLite Driver" };
        var result = await OfflineAgent(settings).LinkAsync("company-1", "0000-0000-0000-0000-0000-0000-0000", location.DataDirectory, location.UserName, location.Password);
        AssertOneLineFailure(result, "\"Missing SQLite Driver\" is not installed");
    }

    [Fact]
    public async Task Linking_through_ODBC_while_another_program_holds_the_company_is_one_clear_line()
    {
        var (location, _) = BundledDemoCompany.Ensure(Path.Combine(_root, "demo"));
        using var holder = await ExclusiveLockHolder.HoldAsync(Path.Combine(location.DataDirectory, "ACCDATA", "sage50.sqlite"));
        var settings = new Dictionary<string, string?>(Odbc) { ["Ledgerlink:Agent:Sage50:BusyTimeout"] = "00:00:02" };
        var result = await OfflineAgent(settings).LinkAsync("company-1", "0000-0000-0000-0000-0000-0000-0000", location.DataDirectory, location.UserName, location.Password);
        AssertOneLineFailure(result, "could not be read");
    }

    [Fact]
    public async Task An_unknown_source_is_a_configuration_error_naming_the_setting()
    {
        var (location, _) = BundledDemoCompany.Ensure(Path.Combine(_root, "demo"));
        var result = await OfflineAgent(new Dictionary<string, string?> { ["Ledgerlink:Agent:Sage50:Source"] = "Access" })
            .LinkAsync("company-1", "0000-0000-0000-0000-0000-0000-0000", location.DataDirectory, location.UserName, location.Password);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Ledgerlink:Agent:Sage50:Source must be Sqlite or Odbc", result.StandardError, StringComparison.Ordinal);
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

    // No cluster is needed for these: the Sage data is checked before anything else (nobody listens on the gateway).
    private AgentProcess OfflineAgent(IReadOnlyDictionary<string, string?> settings) =>
        new(Path.Combine(_root, "agent-" + Guid.NewGuid().ToString("N")), $"127.0.0.1:{AzuriteServer.FreeTcpPort()}", "nobody", "nobody", settings);

    private static void AssertOneLineFailure(ProcessResult result, string expected)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 3, $"exit code {result.ExitCode}: {output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:\n{output}");
        Assert.StartsWith("Cannot link: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", output);
        Assert.DoesNotContain("Exception", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("unixODBC", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
    }
}
