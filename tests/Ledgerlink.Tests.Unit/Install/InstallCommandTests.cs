using Azure.Storage.Blobs;
using Ledgerlink.Releases;
using Ledgerlink.Silo.Api;
using Ledgerlink.Silo.Api.Integrator;
using Ledgerlink.Silo.Hosting;
using Ledgerlink.Silo.Releases;
using Ledgerlink.Testing;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.Tests.Install;

/// <summary>
/// The link page's one-line install command per platform: every value the install scripts need (package, gateways,
/// cluster, pinned CA and release key) as URLs of the silo or settings, in each shell's form. The Linux command is run
/// for real in tests/Ledgerlink.Tests.EndToEnd/Deploy/LinuxInstallScriptTests; the Windows one cannot run here.
/// </summary>
public sealed class InstallCommandTests : IDisposable
{
    private static readonly ReleaseInfo Release = new("1.5.0", "1.0.0", string.Empty,
        [new ReleaseFile("linux-x64.tar.gz", "aa", 1), new ReleaseFile("win-x64.zip", "bb", 1)], "key", DateTimeOffset.UnixEpoch, ReleaseRollout.Everyone, null, null);

    private readonly string _ca = Path.Combine(Path.GetTempPath(), $"ledgerlink-ca-{Guid.NewGuid():N}.crt");

    public InstallCommandTests() => File.WriteAllText(_ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    [Fact]
    public void Linux_command_pipes_the_silos_script_into_bash_as_root_with_every_gateway_and_the_pins()
    {
        var command = Commands(["gw1.example.com:30000", "gw2.example.com:30000"]).Command(Request(), "c-1", Release, Release.Files[0]);

        Assert.Equal(
            "curl -fsSL 'https://link.example.com/link/c-1/install/install-agent.sh' | sudo bash -s -- " +
            "--package 'https://link.example.com/link/c-1/download/1.5.0/linux-x64.tar.gz' --gateway 'gw1.example.com:30000' --gateway 'gw2.example.com:30000' " +
            "--cluster-id 'prod' --service-id 'ledgerlink' --ca-cert 'https://link.example.com/link/c-1/install/ca.crt' " +
            "--release-key 'https://link.example.com/link/c-1/install/release-public.pem'",
            command);
        Assert.Equal(" --licence-key 'c-1' --link-code '{code}'", InstallCommands.LinkArguments("c-1", windows: false));
    }

    [Fact]
    public void Windows_command_downloads_the_script_and_runs_it_past_the_execution_policy_with_gateways_in_one_value()
    {
        var command = Commands(["gw1.example.com:30000", "gw2.example.com:30000"]).Command(Request(), "c-1", Release, Release.Files[1]);

        Assert.StartsWith("irm 'https://link.example.com/link/c-1/install/install-agent.ps1' -OutFile \"$env:TEMP\\install-agent.ps1\"; " +
                          "powershell -NoProfile -ExecutionPolicy Bypass -File \"$env:TEMP\\install-agent.ps1\" ", command, StringComparison.Ordinal);
        Assert.Contains("-Package 'https://link.example.com/link/c-1/download/1.5.0/win-x64.zip'", command, StringComparison.Ordinal);
        Assert.Contains("-Gateway 'gw1.example.com:30000,gw2.example.com:30000'", command, StringComparison.Ordinal);
        Assert.Contains("-CaCert 'https://link.example.com/link/c-1/install/ca.crt'", command, StringComparison.Ordinal);
        Assert.Equal(" -LicenceKey 'c-1' -LinkCode '{code}'", InstallCommands.LinkArguments("c-1", windows: true));
    }

    [Fact]
    public void Without_configured_gateways_the_page_host_and_gateway_port_are_named_and_without_pins_none_is_passed()
    {
        var silo = new LedgerlinkSiloOptions { ClusterId = "prod" };
        silo.Clustering.GatewayPort = 31000;
        var commands = new InstallCommands(new ApiOptions(), silo, Store(publicKey: null));

        var command = commands.Command(Request(), "c-1", Release, Release.Files[0]);

        Assert.Contains("--gateway 'silo.example.com:31000'", command, StringComparison.Ordinal);
        Assert.StartsWith("curl -fsSL 'https://silo.example.com:8443/link/c-1/install/", command, StringComparison.Ordinal);
        Assert.DoesNotContain("--ca-cert", command, StringComparison.Ordinal);
        Assert.DoesNotContain("--release-key", command, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_scripts_are_the_repositorys()
    {
        foreach (var name in new[] { InstallCommands.LinuxScript, InstallCommands.WindowsScript })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "deploy", "install", name)), InstallCommands.Script(name));
        }

        Assert.Null(InstallCommands.Script("../appsettings.json"));
    }

    public void Dispose() => File.Delete(_ca);

    private InstallCommands Commands(List<string> gateways)
    {
        var silo = new LedgerlinkSiloOptions { ClusterId = "prod", ServiceId = "ledgerlink" };
        silo.Tls.CaCertificatePath = _ca;
        return new InstallCommands(new ApiOptions { AgentGateways = gateways, PublicBaseUrl = new Uri("https://link.example.com/") }, silo, Store("-----BEGIN PUBLIC KEY-----"));
    }

    private static ReleaseStore Store(string? publicKey) =>
        new(new BlobContainerClient(new Uri("http://127.0.0.1:9/devstoreaccount1/releases")), new ReleaseOptions { PublicKey = publicKey });

    private static HttpRequest Request()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("silo.example.com", 8443);
        return context.Request;
    }
}
