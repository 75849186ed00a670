using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Cluster;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Security;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace Ledgerlink.Tests.Agent;

/// <summary>
/// TLS between the real agent and silo processes: a wrong pin is refused with the reason in one line, a plaintext client
/// gets nowhere, and a capture of a whole sync shows neither the agent's secret nor company text (while the same capture
/// without TLS does show the secret, so the check can see what it looks for).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentTlsTests(AzuriteFixture azurite)
{
    private const string Refused = "the silo's TLS certificate was refused";

    [Fact]
    public async Task An_agent_pinned_to_another_CA_refuses_the_silo_and_says_why_in_one_line()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var agent = bed.Agent(settings: new Dictionary<string, string?>
        {
            ["Ledgerlink:Agent:Tls:CaCertificatePath"] = TestCertificates.OtherCaCertificatePath,
        });
        await using var running = agent.Run();

        await Eventually.ValueAsync(
            () => Task.FromResult(running.Lines.Count(l => l.Contains(Refused, StringComparison.Ordinal))),
            refusals => refusals >= 2, AgentTestBed.Patience, $"the agent to refuse the silo's certificate twice\n{running.Tail()}");

        var lines = running.Lines.ToList();
        var at = lines.FindIndex(l => l.Contains(Refused, StringComparison.Ordinal));
        var line = lines[at];
        Assert.Contains("CN=ledgerlink-silo", line, StringComparison.Ordinal);
        Assert.Contains("Ledgerlink Test CA", line, StringComparison.Ordinal);
        Assert.Contains("Somebody Else's CA", line, StringComparison.Ordinal);
        Assert.Contains("Ledgerlink:Agent:Tls:CaCertificatePath", line, StringComparison.Ordinal);
        Assert.Contains("trying again in", line, StringComparison.Ordinal);

        // One line: no stack trace or second message follows it, and nothing else in the output talks about TLS.
        Assert.True(at + 1 >= lines.Count || lines[at + 1].StartsWith('['), $"more than one line:\n{running.Tail()}");
        Assert.DoesNotContain(lines, l => l.Contains("Authentication failed", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Connected to the cluster", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(agent.DataFolder, "identity.json")), "the agent registered through a refused connection");
    }

    [Fact]
    public async Task A_plaintext_client_is_refused_by_a_TLS_silo_that_a_TLS_client_reaches()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var silo = bed.Silo;

        using var plaintext = new HostBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(silo.GatewayPort, silo.ServiceId, silo.ClusterId))
            .Build();

        // The client keeps trying, so it is given 20 s: it must not get in, and the silo must say it refused the handshake.
        using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var failure = await Record.ExceptionAsync(() => plaintext.StartAsync(attempt.Token));
        Assert.NotNull(failure);
        Assert.Contains(silo.Process.Lines, l => l.Contains("Orleans.Connections.Security", StringComparison.Ordinal)
                                                 && l.Contains("Authentication failed", StringComparison.Ordinal));

        using var encrypted = new HostBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(silo.GatewayPort, silo.ServiceId, silo.ClusterId)
                .UseLedgerlinkTls(CertificatePins.Load(TestCertificates.CaCertificatePath, null)))
            .Build();
        await encrypted.StartAsync();
        await encrypted.StopAsync();

        // The agent with TLS turned off is a plaintext client too: it warns at start and never gets in.
        var agent = bed.Agent(settings: new Dictionary<string, string?> { ["Ledgerlink:Agent:Tls:Enabled"] = "false" });
        await using var running = agent.Run();
        await Eventually.ValueAsync(
            () => Task.FromResult(InterruptedSync.Retries(running)),
            retries => retries >= 2, AgentTestBed.Patience, $"the plaintext agent to be refused twice\n{running.Tail()}");
        Assert.Contains(running.Lines, l => l.Contains("TLS is OFF (Ledgerlink:Agent:Tls:Enabled is false)", StringComparison.Ordinal));
        Assert.DoesNotContain(running.Lines, l => l.Contains("Connected to the cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_capture_of_a_whole_sync_holds_neither_the_agent_secret_nor_company_text()
    {
        var (capture, secret, texts) = await CaptureSyncAsync(tls: true, wholeSync: true);

        Assert.True(capture.Length > 50_000, $"only {capture.Length} bytes captured: the sync did not go through the proxy");
        Assert.Equal(0x16, capture[0]);
        Assert.False(Contains(capture, secret), "the connector secret crossed the network readable");
        foreach (var text in texts)
        {
            Assert.False(Contains(capture, text), $"'{text}' crossed the network readable");
        }
    }

    [Fact]
    public async Task Without_TLS_the_same_capture_shows_the_agent_secret_and_both_ends_warn()
    {
        var (capture, secret, _) = await CaptureSyncAsync(tls: false, wholeSync: false);

        Assert.True(Contains(capture, secret), "the capture does not show the secret even in plaintext: the TLS test would prove nothing");
    }

    private async Task<(byte[] Capture, string Secret, string[] Texts)> CaptureSyncAsync(bool tls, bool wholeSync)
    {
        var advertisedPort = AzuriteServer.FreeTcpPort();
        var listeningPort = AzuriteServer.FreeTcpPort();
        await using var proxy = TcpProxy.Start(advertisedPort, listeningPort, record: true);
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, [
            new("Ledgerlink:Clustering:GatewayPort", advertisedPort.ToString(CultureInfo.InvariantCulture)),
            new("Ledgerlink:Clustering:GatewayListeningPort", listeningPort.ToString(CultureInfo.InvariantCulture)),
            new("Ledgerlink:Tls:Enabled", tls ? "true" : "false"),
        ]);
        var (location, _) = BundledDemoCompany.Ensure(bed.NewFolder("sage"));
        var companyId = await bed.CreateCompanyAsync("Hebden Oak Joinery Ltd");
        var agent = bed.Agent(settings: new Dictionary<string, string?> { ["Ledgerlink:Agent:Tls:Enabled"] = tls ? "true" : "false" });
        Assert.Equal($"127.0.0.1:{advertisedPort}", agent.Gateway);
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");
        if (wholeSync)
        {
            await bed.RefreshAllAsync(companyId);
            await bed.WaitForAllCompleteAsync(companyId, running);
        }
        else
        {
            await Eventually.ValueAsync(
                () => Task.FromResult(running.Lines.Any(l => l.Contains("Connected to the cluster", StringComparison.Ordinal))),
                connected => connected, AgentTestBed.Patience, $"the agent to connect\n{running.Tail()}");
        }

        var warning = tls ? "TLS on for Orleans connections" : "TLS is OFF (Ledgerlink:Tls:Enabled is false)";
        Assert.Contains(bed.Silo.Process.Lines, l => l.Contains(warning, StringComparison.Ordinal));
        Assert.Equal(!tls, running.Lines.Any(l => l.Contains("TLS is OFF (Ledgerlink:Agent:Tls:Enabled is false)", StringComparison.Ordinal)));

        var identity = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(agent.DataFolder, "identity.json")))!;
        var secret = identity["Secret"]?.GetValue<string>() ?? identity["secret"]!.GetValue<string>();
        Assert.True(secret.Length >= 16, "the agent's secret is too short to search for");
        var customers = await DirectRead.NdjsonAsync(location, DataTypeNames.Customers);
        var firstCustomer = JsonDocument.Parse(Encoding.UTF8.GetString(customers).Split('\n')[0]).RootElement.GetProperty("customerName").GetString()!;
        await running.KillAsync();
        return (proxy.Captured(), secret, ["Hebden Oak Joinery", firstCustomer, location.Password]);
    }

    private static bool Contains(byte[] capture, string text) =>
        capture.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || capture.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
