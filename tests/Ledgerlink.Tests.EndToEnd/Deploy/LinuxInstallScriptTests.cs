using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Releases;
using Ledgerlink.Testing;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Deploy;

/// <summary>
/// deploy/install/install-agent.sh run for real, as the link page's one-line command for Linux fetches and runs it from
/// a real silo process, into a staging root (<c>--root</c>, <c>--no-start</c>: no systemd runs here), with a tar.gz of
/// the built agent (framework-dependent; the release's is self-contained, too slow to publish in CI) published as the
/// release: the program, unit, settings and data folder land where the unit expects them
/// with the modes it needs, the unit passes <c>systemd-analyze verify</c>, the installed executable runs, the company
/// is linked by licence key and link code in the same step, and the installed agent started with the unit's settings
/// (as systemd would start it) completes the first sync. A second run keeps the settings; <c>--uninstall</c> removes
/// the program and settings and keeps the data.
/// </summary>
[Collection(AzuriteCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed partial class LinuxInstallScriptTests(AzuriteFixture azurite)
{
    private static readonly string Script = Path.Combine(TestPaths.RepositoryRoot, "deploy", "install", "install-agent.sh");

    [Fact]
    public async Task The_scripts_pass_bash_syntax_check_and_shellcheck()
    {
        string[] scripts = [Script, Path.Combine(TestPaths.RepositoryRoot, "deploy", "release", "publish-agent.sh")];
        foreach (var script in scripts)
        {
            var syntax = await RunAsync("bash", ["-n", script]);
            Assert.True(syntax.ExitCode == 0, syntax.Output);
        }

        if (OnPath("shellcheck"))
        {
            var check = await RunAsync("shellcheck", ["-S", "warning", .. scripts]);
            Assert.True(check.ExitCode == 0, check.Output);
        }
    }

    [Fact]
    public async Task The_link_pages_command_installs_into_a_root_links_in_the_same_step_and_the_installed_agent_completes_the_first_sync()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, [new("Ledgerlink:Releases:PublicKey", publicKey)]);
        var (location, _) = BundledDemoCompany.Ensure(bed.NewFolder("sage"));
        var companyId = await bed.CreateCompanyAsync("Hebden Oak Joinery Ltd");
        var root = bed.NewFolder("install-root");
        var package = await PackBuiltAgentAsync(bed.NewFolder("package"));
        await PublishAsync(bed, privateKey, AgentVersion.Current, package);
        var uiPort = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture);

        // The command the link page shows a Linux visitor, with the link code its script adds from the URL fragment.
        var command = await InstallCommandAsync(bed, companyId, bed.LinkCode(companyId));
        var script = $"{bed.Silo.BaseAddress.ToString().TrimEnd('/')}/link/{companyId}/install/install-agent.sh";
        Assert.StartsWith($"curl -fsSL '{script}' | sudo bash -s -- --package '", command, StringComparison.Ordinal);
        Assert.EndsWith($" --licence-key '{companyId}' --link-code '{bed.LinkCode(companyId)}'", command, StringComparison.Ordinal);

        // Run as printed, staged into a root instead of / (this test runs no systemd), answering what the script would
        // ask on a terminal: the Sage data directory and user as arguments, the password in its environment variable.
        var staged = command.Replace("| sudo bash -s -- ",
            $"| bash -s -- --root '{root}' --no-start --ui-port {uiPort} --sage-data-dir '{location.DataDirectory}' --sage-user '{location.UserName}' ",
            StringComparison.Ordinal);
        var install = await RunAsync("bash", ["-c", staged], new Dictionary<string, string> { ["LEDGERLINK_SAGE_PASSWORD"] = location.Password });
        Assert.True(install.ExitCode == 0, install.Output);

        // Linked in the same step, with the code from the link page.
        Assert.Contains("Linked Hebden Oak Joinery Ltd", install.Output, StringComparison.Ordinal);
        Assert.Equal("Linked", await bed.ConnectionStatusAsync(companyId));

        // The program, with its executable bit, runs and says its version.
        var program = Path.Combine(root, "opt", "ledgerlink", "agent");
        var executable = Path.Combine(program, "ledgerlink-agent");
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute | UnixFileMode.OtherExecute));
        var version = await RunAsync(executable, ["--version"]);
        Assert.True(version.ExitCode == 0, version.Output);
        Assert.Matches(@"^\d+\.\d+\.\d+\s*$", version.Output);

        // The settings: private, naming the gateway, the cluster and the pinned CA and release key at their target paths.
        var envFile = Path.Combine(root, "etc", "ledgerlink", "agent.env");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(envFile));
        var settings = ReadEnvironmentFile(envFile);
        Assert.Equal(bed.Silo.Gateway, settings["Ledgerlink__Agent__Gateways__0"]);
        Assert.Equal(bed.Silo.ClusterId, settings["Ledgerlink__Agent__ClusterId"]);
        Assert.Equal("/etc/ledgerlink/ca.crt", settings["Ledgerlink__Agent__Tls__CaCertificatePath"]);
        Assert.Equal("/etc/ledgerlink/release-public.pem", settings["Ledgerlink__Agent__Releases__PublicKeyPath"]);
        Assert.Equal(await File.ReadAllTextAsync(TestCertificates.CaCertificatePath), await File.ReadAllTextAsync(Path.Combine(root, "etc", "ledgerlink", "ca.crt")));
        Assert.Equal(publicKey, await File.ReadAllTextAsync(Path.Combine(root, "etc", "ledgerlink", "release-public.pem")));
        Assert.Equal(uiPort, settings["Ledgerlink__Agent__Ui__Port"]);

        // The unit is the repository's, and systemd accepts it as installed (its paths read inside the staging root).
        var unit = Path.Combine(root, "etc", "systemd", "system", "ledgerlink-agent.service");
        var unitText = await File.ReadAllTextAsync(unit);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "deploy", "systemd", "ledgerlink-agent.service")), unitText);
        Assert.Contains("WantedBy=multi-user.target", unitText, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/opt/ledgerlink/agent/ledgerlink-agent run", unitText, StringComparison.Ordinal);
        if (OnPath("systemd-analyze"))
        {
            var unitCheck = Path.Combine(bed.NewFolder("unit-check"), "ledgerlink-agent.service");
            await File.WriteAllTextAsync(unitCheck, unitText.Replace("/opt/ledgerlink/", root + "/opt/ledgerlink/", StringComparison.Ordinal)
                .Replace("/etc/ledgerlink/", root + "/etc/ledgerlink/", StringComparison.Ordinal));
            var verify = await RunAsync("systemd-analyze", ["verify", unitCheck]);
            Assert.True(verify.ExitCode == 0 && verify.Output.Trim().Length == 0, verify.Output);
        }

        // "Starts at boot" as systemd means it: enabling the installed unit links it into multi-user.target's wants, done
        // offline into the staging root (systemctl --root). Booting itself is not exercised: no systemd runs as PID 1 here.
        if (OnPath("systemctl"))
        {
            var enable = await RunAsync("systemctl", [$"--root={root}", "enable", "ledgerlink-agent.service"]);
            Assert.True(enable.ExitCode == 0, enable.Output);
            var wants = new FileInfo(Path.Combine(root, "etc", "systemd", "system", "multi-user.target.wants", "ledgerlink-agent.service"));
            Assert.Equal("/etc/systemd/system/ledgerlink-agent.service", wants.LinkTarget);
            var enabled = await RunAsync("systemctl", [$"--root={root}", "is-enabled", "ledgerlink-agent.service"]);
            Assert.True(enabled.ExitCode == 0 && enabled.Output.StartsWith("enabled", StringComparison.Ordinal), enabled.Output);
        }

        // The data folder holds the link (the connector's identity and the company) and is the agent's alone.
        var data = Path.Combine(root, "var", "lib", "ledgerlink-agent");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.Contains(companyId, await File.ReadAllTextAsync(Path.Combine(data, "companies.json")), StringComparison.Ordinal);

        // Started as the unit starts it: its environment file (target paths read inside the root) and its data folder.
        var environment = settings.ToDictionary(s => s.Key, s => (string?)s.Value.Replace("/etc/ledgerlink/", root + "/etc/ledgerlink/", StringComparison.Ordinal));
        environment["Ledgerlink__Agent__DataFolder"] = data;
        await using (var running = ChildProcess.StartDotnet("installed agent", Path.Combine(program, "ledgerlink-agent.dll"), ["run"], environment, program))
        {
            var queued = await bed.QueueAsync(companyId, "customers");
            await bed.WaitForOperationAsync(companyId, queued["id"]!.GetValue<string>(), o => o["status"]?.GetValue<string>() == "Complete",
                "the installed agent's first sync of customers", running);
        }

        // Run again with nothing but the package (how the supervisor is updated): the settings stay as they were.
        var again = await RunAsync("bash", [Script, "--root", root, "--no-start", "--package", package]);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(settings, ReadEnvironmentFile(envFile));
        Assert.True(File.Exists(executable));

        // Uninstall: program, unit and settings go; the data folder (identity, links) stays.
        var removed = await RunAsync("bash", [Script, "--root", root, "--no-start", "--uninstall"]);
        Assert.True(removed.ExitCode == 0, removed.Output);
        Assert.False(Directory.Exists(program));
        Assert.False(File.Exists(unit));
        Assert.False(File.Exists(envFile));
        Assert.True(File.Exists(Path.Combine(data, "companies.json")));
    }

    [Fact]
    public async Task Refuses_half_a_link_and_a_first_install_without_a_gateway_naming_the_argument()
    {
        var root = Path.Combine(Path.GetTempPath(), $"ledgerlink-install-root-{Guid.NewGuid():N}");
        try
        {
            var halfLink = await RunAsync("bash", [Script, "--root", root, "--no-start", "--licence-key", "abc"]);
            Assert.Equal(2, halfLink.ExitCode);
            Assert.Contains("--link-code", halfLink.Output, StringComparison.Ordinal);

            var noGateway = await RunAsync("bash", [Script, "--root", root, "--no-start", "--package", "/nonexistent.tar.gz"]);
            Assert.Equal(2, noGateway.ExitCode);
            Assert.Contains("--gateway", noGateway.Output, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(root, "opt")));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>Publishes <paramref name="package"/> as the release for new installs (the agent's own version: no update is offered).</summary>
    private static async Task PublishAsync(AgentTestBed bed, string privateKey, string version, string package)
    {
        using var operators = bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Operator));
        var bytes = await File.ReadAllBytesAsync(package);
        using (var content = new ByteArrayContent(bytes))
        using (var upload = await operators.PutAsync(new Uri($"/operator/releases/{version}/files/linux-x64.tar.gz", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        }

        var manifest = new ReleaseManifest(version, "0.0.1", "", [new ReleaseFile("linux-x64.tar.gz", Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length)],
            DateTimeOffset.UtcNow).ToBytes();
        using var published = await operators.PostAsJsonAsync("/operator/releases", new
        {
            manifest = Convert.ToBase64String(manifest),
            signature = Convert.ToBase64String(ReleaseSigning.Sign(manifest, privateKey)),
        });
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }

    /// <summary>The link page's install command as its script completes it in the browser (link arguments with the code).</summary>
    private static async Task<string> InstallCommandAsync(AgentTestBed bed, string companyId, string linkCode)
    {
        using var browser = bed.Silo.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/link/{companyId}", UriKind.Relative));
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        using var response = await browser.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        var match = InstallCommand().Match(page);
        Assert.True(match.Success, page);
        return WebUtility.HtmlDecode(match.Groups[2].Value) + WebUtility.HtmlDecode(match.Groups[1].Value).Replace("{code}", linkCode, StringComparison.Ordinal);
    }

    [GeneratedRegex("<code id=\"install-command\" data-link-args=\"([^\"]*)\">([^<]*)</code>")]
    private static partial Regex InstallCommand();

    /// <summary>The built agent's folder as the release packs it: files at the archive's root, modes kept.</summary>
    private static async Task<string> PackBuiltAgentAsync(string folder)
    {
        var package = Path.Combine(folder, "linux-x64.tar.gz");
        var pack = await RunAsync("tar", ["-C", Path.GetDirectoryName(BuiltApplication.Agent)!, "-czf", package, "."]);
        Assert.True(pack.ExitCode == 0, pack.Output);
        return package;
    }

    private static Dictionary<string, string> ReadEnvironmentFile(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No terminal and no inherited agent settings: the script must get everything from its arguments.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Ledgerlink__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
