using Ledgerlink.Silo.Hosting;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Testing.Infrastructure;

/// <summary>
/// The real silo application (the same <see cref="SiloApplication"/> the ledgerlink-silo process runs) with Kestrel on a
/// free loopback port and Orleans on free silo and gateway ports, TLS on with the test CA's certificate, configured for one test.
/// </summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private int _disposed;

    private RunningSilo(WebApplication app, IDictionary<string, string?> settings)
    {
        App = app;
        Settings = new Dictionary<string, string?>(settings);
        GatewayPort = int.Parse(settings["Ledgerlink:Clustering:GatewayPort"]!, System.Globalization.CultureInfo.InvariantCulture);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public int GatewayPort { get; }

    /// <summary>The settings this silo runs with: start another over the same storage by reusing them.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public string ServiceId => Settings["Ledgerlink:ServiceId"]!;

    public string ClusterId => Settings["Ledgerlink:ClusterId"]!;

    public IServiceProvider Services => App.Services;

    /// <summary>Settings every test silo gets; <paramref name="overrides"/> win.</summary>
    public static Dictionary<string, string?> Configure(string storageConnectionString, IDictionary<string, string?>? overrides = null)
    {
        var serviceId = $"test-{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Ledgerlink:ClusterId"] = serviceId,
            ["Ledgerlink:ServiceId"] = serviceId,
            ["Ledgerlink:Clustering:SiloPort"] = AzuriteServer.FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ledgerlink:Clustering:GatewayPort"] = AzuriteServer.FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ledgerlink:Storage:ConnectionString"] = storageConnectionString,
            ["Ledgerlink:Storage:GrainStateContainer"] = AzuriteFixture.UniqueContainerName("state"),
            ["Ledgerlink:Storage:DatasetContainer"] = AzuriteFixture.UniqueContainerName("data"),
            ["Ledgerlink:Reminders:TableName"] = AzuriteFixture.UniqueTableName(),
            ["Ledgerlink:Storage:CompanyIndexTable"] = AzuriteFixture.UniqueTableName("companies"),
            ["Ledgerlink:Logging:Directory"] = Path.Combine(Path.GetTempPath(), "ledgerlink-test-logs"),
        };
        foreach (var (key, value) in TestCertificates.SiloSettings().Concat(TestApiKeys.Settings()).Concat(SiloProcess.LenientLimits()))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static WebApplication Build(IDictionary<string, string?> settings, TimeProvider? time = null, Action<IServiceCollection>? services = null) =>
        SiloApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            services?.Invoke(builder.Services);
        });

    /// <summary>
    /// Starts the silo; <paramref name="time"/> replaces its clock (e.g. a <see cref="ManualTimeProvider"/>), and
    /// <paramref name="services"/> may change its services (e.g. <see cref="GrainStateTap.Install"/>).
    /// </summary>
    public static async Task<RunningSilo> StartAsync(
        IDictionary<string, string?> settings, CancellationToken cancellationToken = default, TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var app = Build(settings, time, services);
        await app.StartAsync(cancellationToken);
        return new RunningSilo(app, settings);
    }

    /// <summary>An HTTP client for this silo, authenticated with <paramref name="apiKey"/> (none: anonymous).</summary>
    public HttpClient CreateHttpClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = TestApiKeys.Header(apiKey);
        }

        return client;
    }

    /// <summary>Stops the silo; a second call (a test that stopped it early, then its <c>await using</c>) does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await App.StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
