using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Hosting;
using Ledgerlink.Security;
using Ledgerlink.Silo.Hosting;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Ledgerlink.Tests.Hosting;

/// <summary>TLS settings that cannot work stop the silo and the agent at start, naming the setting.</summary>
public sealed class TlsSettingsTests
{
    // Storage is never reached (start stops at the TLS settings); a port nothing listens on, never a running Azurite's.
    private static readonly string Storage = AzuriteServer.ConnectionStringFor(AzuriteServer.FreeTcpPort(), AzuriteServer.FreeTcpPort());

    [Theory]
    [InlineData("Ledgerlink:Tls:CertificatePath", "", "Ledgerlink:Tls:CertificatePath is required while Ledgerlink:Tls:Enabled is true")]
    [InlineData("Ledgerlink:Tls:CertificatePath", "/nonexistent/silo.pfx", "Ledgerlink:Tls:CertificatePath '/nonexistent/silo.pfx' does not exist")]
    [InlineData("Ledgerlink:Tls:CertificatePassword", "not-the-password", "Ledgerlink:Tls:CertificatePath '")]
    [InlineData("Ledgerlink:Tls:CaCertificatePath", "/nonexistent/ca.crt", "Ledgerlink:Tls:CaCertificatePath '/nonexistent/ca.crt' cannot be read")]
    [InlineData("Ledgerlink:Tls:CaThumbprints:0", "abc", "Ledgerlink:Tls:CaThumbprints:0 is not a SHA-256")]
    public void A_bad_silo_TLS_setting_is_refused_at_start_naming_the_setting(string key, string value, string expected)
    {
        var settings = RunningSilo.Configure(Storage, new Dictionary<string, string?> { [key] = value });

        var failure = Assert.Throws<InvalidOperationException>(() => RunningSilo.Build(settings));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PEM_certificate_and_key_load_as_well_as_a_PFX()
    {
        var settings = RunningSilo.Configure(Storage, new Dictionary<string, string?>
        {
            ["Ledgerlink:Tls:CertificatePath"] = TestCertificates.SiloPemCertificatePath,
            ["Ledgerlink:Tls:KeyPath"] = TestCertificates.SiloPemKeyPath,
            ["Ledgerlink:Tls:CertificatePassword"] = null,
        });

        var options = OptionsValidation.BindAndValidate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var certificate = SiloCertificate.Load(options.Tls);

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(TestCertificates.SiloThumbprint, CertificatePins.Sha256(certificate));
    }

    [Fact]
    public async Task The_silo_process_exits_with_code_2_when_TLS_is_on_without_a_certificate()
    {
        var settings = SiloProcess.Configure(Storage, [new("Ledgerlink:Tls:CertificatePath", "")]);
        await using var silo = ChildProcess.StartDotnet("silo", BuiltApplication.Silo, [], ChildProcess.Environment(settings));

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Ledgerlink:Tls:CertificatePath is required", silo.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ledgerlink:Agent:Tls:CaThumbprints:0", "zz", "Ledgerlink:Agent:Tls:CaThumbprints:0 is not a SHA-256")]
    [InlineData("Ledgerlink:Agent:Tls:CaCertificatePath", "/nonexistent/ca.crt", "Ledgerlink:Agent:Tls:CaCertificatePath '/nonexistent/ca.crt' cannot be read")]
    public void A_bad_agent_TLS_setting_is_refused_at_start_naming_the_setting(string key, string value, string expected)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ledgerlink-tls-settings-{Guid.NewGuid():N}");
        try
        {
            var failure = Assert.Throws<AgentConfigurationException>(() =>
                AgentHost.CreateBuilder([$"--Ledgerlink:Agent:DataFolder={folder}", $"--{key}={value}"], consoleLogs: false));

            Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
