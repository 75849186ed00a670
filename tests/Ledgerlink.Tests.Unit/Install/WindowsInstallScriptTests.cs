using System.Management.Automation;
using System.Management.Automation.Language;
using Ledgerlink.EdgeAgent.Linking;
using Ledgerlink.Testing;

namespace Ledgerlink.Tests.Install;

/// <summary>
/// deploy/install/install-agent.ps1 cannot run here (no Windows, no service manager), so it is checked the way
/// PowerShell itself reads it: PowerShell's own parser (System.Management.Automation) finds no error, and the parsed
/// script has the parameters the link page's command passes and the commands an install needs (elevation check,
/// service registration with automatic start and restart on failure, the service's settings, the link as the
/// service's account with the arguments <c>ledgerlink-agent link</c> takes). It says nothing of how Windows runs it.
/// </summary>
public sealed class WindowsInstallScriptTests
{
    private static readonly string Script = Path.Combine(TestPaths.RepositoryRoot, "deploy", "install", "install-agent.ps1");

    [Fact]
    public void PowerShell_parses_the_script_without_errors()
    {
        var ast = Parser.ParseFile(Script, out _, out var errors);

        Assert.True(errors.Length == 0, string.Join('\n', errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
        Assert.NotNull(ast.ParamBlock);
    }

    [Fact]
    public void A_script_with_a_syntax_error_is_caught_by_the_same_check()
    {
        // The check above would be worth nothing if the parser accepted anything: one brace fewer must fail it.
        var text = File.ReadAllText(Script);
        var broken = text.Remove(text.LastIndexOf('}'), 1);

        Parser.ParseInput(broken, out _, out var errors);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void It_takes_the_install_and_link_parameters_the_link_page_passes()
    {
        var ast = Parser.ParseFile(Script, out _, out _);
        var parameters = ast.ParamBlock!.Parameters.ToDictionary(p => p.Name.VariablePath.UserPath, StringComparer.Ordinal);

        foreach (var name in new[] { "Package", "Gateway", "ClusterId", "ServiceId", "CaCert", "ReleaseKey", "LicenceKey", "LinkCode", "SageDataDir", "SageUser", "UiPort" })
        {
            Assert.True(parameters.ContainsKey(name), $"-{name} is missing");
        }

        Assert.Equal(typeof(string[]), parameters["Gateway"].StaticType);
        Assert.Equal(typeof(SwitchParameter), parameters["Uninstall"].StaticType);
        Assert.Equal(typeof(SwitchParameter), parameters["Purge"].StaticType);
    }

    [Fact]
    public void It_checks_elevation_registers_an_automatic_service_that_restarts_on_failure_and_sets_its_settings()
    {
        var ast = Parser.ParseFile(Script, out _, out _);
        var commands = Commands(ast);
        var text = ast.Extent.Text;

        // Elevation: checked once, with a message saying how to get it.
        Assert.Contains("WindowsBuiltInRole]::Administrator", text, StringComparison.Ordinal);
        Assert.Contains("Run as administrator", text, StringComparison.Ordinal);

        var newService = Assert.Single(commands, c => c.GetCommandName() == "New-Service");
        Assert.Contains("Automatic", newService.Extent.Text, StringComparison.Ordinal);
        Assert.Contains("-BinaryPathName", newService.Extent.Text, StringComparison.Ordinal);
        Assert.Contains("$binPath = \"`\"$Executable`\" run\"", text, StringComparison.Ordinal);
        Assert.Contains(commands, c => c.GetCommandName() == "sc.exe" && c.Extent.Text.Contains("failure ", StringComparison.Ordinal)
                                       && c.Extent.Text.Contains("restart/", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.GetCommandName() == "Start-Service");
        Assert.Contains(commands, c => c.GetCommandName() == "Expand-Archive");
        Assert.Contains(commands, c => c.GetCommandName() == "Set-ItemProperty" && c.Extent.Text.Contains("MultiString", StringComparison.Ordinal));

        // Under Program Files and ProgramData, as the README says; uninstall deletes the service.
        Assert.Contains("$env:ProgramFiles 'Ledgerlink\\Agent'", text, StringComparison.Ordinal);
        Assert.Contains("$env:ProgramData 'Ledgerlink\\Agent'", text, StringComparison.Ordinal);
        Assert.Contains(commands, c => c.GetCommandName() == "sc.exe" && c.Extent.Text.Contains("delete", StringComparison.Ordinal));

        // The settings the agent reads, by their configuration keys (the release key is the one updates are checked with).
        foreach (var key in new[] { "Ledgerlink__Agent__Gateways__", "Ledgerlink__Agent__ClusterId", "Ledgerlink__Agent__DataFolder",
                     "Ledgerlink__Agent__Tls__CaCertificatePath", "Ledgerlink__Agent__Releases__PublicKeyPath" })
        {
            Assert.Contains(key, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void It_links_as_the_services_account_with_the_arguments_the_link_command_takes()
    {
        var ast = Parser.ParseFile(Script, out _, out _);
        var commands = Commands(ast);
        var text = ast.Extent.Text;

        // The options ledgerlink-agent link parses, read from its own usage line: a rename there fails here.
        foreach (var option in new[] { "--licence", "--code", "--data-dir", "--user" })
        {
            Assert.Contains(option + " <", LinkArguments.Usage, StringComparison.Ordinal);
            Assert.Contains(option + " `\"", text, StringComparison.Ordinal);
        }

        // The password goes through the environment variable the link command reads, never --password.
        Assert.Contains("LEDGERLINK_SAGE_PASSWORD", LinkArguments.Usage, StringComparison.Ordinal);
        Assert.Contains("set /p LEDGERLINK_SAGE_PASSWORD=", text, StringComparison.Ordinal);
        Assert.DoesNotContain("--password", text, StringComparison.Ordinal);
        var principal = Assert.Single(commands, c => c.GetCommandName() == "New-ScheduledTaskPrincipal");
        Assert.Contains("NT AUTHORITY\\SYSTEM", principal.Extent.Text, StringComparison.Ordinal);
        Assert.Contains(commands, c => c.GetCommandName() == "Unregister-ScheduledTask");
    }

    private static List<CommandAst> Commands(ScriptBlockAst ast) => [.. ast.FindAll(n => n is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>()];
}
