using System.Globalization;
using System.Net;
using Ledgerlink.Testing.Azurite;

namespace Ledgerlink.Testing.Processes;

/// <summary>
/// The built silo (ledgerlink-silo.dll) as a real process, configured through environment variables as a deployment
/// would configure it: HTTP, silo and gateway on free loopback ports, its own service id and containers in the given
/// storage, TLS on with the test CA's certificate (<see cref="TestCertificates"/>). <see cref="StartAsync"/> returns once <c>/ready</c> answers 200.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private SiloProcess(ChildProcess process, IReadOnlyDictionary<string, string?> settings, int httpPort, int gatewayPort)
    {
        Process = process;
        Settings = settings;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        GatewayPort = gatewayPort;
    }

    public ChildProcess Process { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public Uri BaseAddress { get; }

    public int GatewayPort { get; }

    public string Gateway => $"127.0.0.1:{GatewayPort}";

    public string ServiceId => Settings["Ledgerlink:ServiceId"]!;

    public string ClusterId => Settings["Ledgerlink:ClusterId"]!;

    public string DatasetContainer => Settings["Ledgerlink:Storage:DatasetContainer"]!;

    public string StorageConnectionString => Settings["Ledgerlink:Storage:ConnectionString"]!;

    /// <summary>Settings a test silo gets; <paramref name="overrides"/> (API keys, heartbeat interval...) win.</summary>
    /// <summary>
    /// Rate limits no test reaches by accident (every test client is 127.0.0.1, and benchmarks send thousands of requests
    /// a minute), and the test webhook receivers' 127.0.0.1 on the insecure-host allow-list. Limit tests set their own.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> LenientLimits()
    {
        const string many = "100000000";
        yield return new("Ledgerlink:Api:Limits:PerAddressPerMinute", many);
        yield return new("Ledgerlink:Api:Limits:PerApiKeyPerMinute", many);
        yield return new("Ledgerlink:Api:Limits:AnonymousPerAddressPerMinute", many);
        yield return new("Ledgerlink:Api:Limits:UnknownLookupsPerAddressPerMinute", many);
        yield return new("Ledgerlink:Webhooks:AllowedInsecureHosts:0", "127.0.0.1");
    }

    public static Dictionary<string, string?> Configure(string storageConnectionString, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var serviceId = $"proc-{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{Port(AzuriteServer.FreeTcpPort())}",
            ["Ledgerlink:ClusterId"] = serviceId,
            ["Ledgerlink:ServiceId"] = serviceId,
            ["Ledgerlink:Clustering:SiloPort"] = Port(AzuriteServer.FreeTcpPort()),
            ["Ledgerlink:Clustering:GatewayPort"] = Port(AzuriteServer.FreeTcpPort()),
            ["Ledgerlink:Storage:ConnectionString"] = storageConnectionString,
            ["Ledgerlink:Storage:GrainStateContainer"] = AzuriteFixture.UniqueContainerName("state"),
            ["Ledgerlink:Storage:DatasetContainer"] = AzuriteFixture.UniqueContainerName("data"),
            ["Ledgerlink:Reminders:TableName"] = AzuriteFixture.UniqueTableName(),
            ["Ledgerlink:Storage:CompanyIndexTable"] = AzuriteFixture.UniqueTableName("companies"),
            ["Ledgerlink:Logging:Directory"] = Path.Combine(Path.GetTempPath(), "ledgerlink-test-logs"),
        };
        foreach (var (key, value) in TestCertificates.SiloSettings().Concat(LenientLimits()))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan? timeout = null)
    {
        var httpPort = new Uri(settings["Urls"]!).Port;
        var gatewayPort = int.Parse(settings["Ledgerlink:Clustering:GatewayPort"]!, CultureInfo.InvariantCulture);
        var process = ChildProcess.StartDotnet("silo", BuiltApplication.Silo, [], ChildProcess.Environment(settings));
        var silo = new SiloProcess(process, settings, httpPort, gatewayPort);
        try
        {
            await silo.WaitUntilReadyAsync(timeout ?? TimeSpan.FromSeconds(90));
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateHttpClient(System.Net.Http.Headers.AuthenticationHeaderValue? authorization = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {Process.ExitCode} while starting.\n{Process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/ready", UriKind.Relative), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One poll outlived the client's 5 s timeout (a busy machine): ask again until the deadline.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The silo was not ready within {timeout}.\n{Process.Tail()}");
            }

            // Pacing between polls of another process; not synchronisation.
            await Task.Delay(100, CancellationToken.None);
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The silo was not ready within {timeout}.\n{Process.Tail()}");
            }
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
