using System.Text;
using Ledgerlink.Grains.Reminders;
using Ledgerlink.Grains.Storage;
using Ledgerlink.Grains.Tenants;
using Ledgerlink.Grains.Webhooks;
using Ledgerlink.Grains.Webhooks.Targets;
using Ledgerlink.Tenants;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Webhooks;
using Ledgerlink.Tests.Infrastructure;
using Ledgerlink.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Ledgerlink.Tests.Webhooks;

/// <summary>
/// One in-process silo (state in Azurite) whose webhook resolver is <see cref="FakeDns"/>, with only
/// <c>receiver.fake</c> (resolving to 127.0.0.1) on the insecure-host allow-list, and a <see cref="LoopbackTrap"/>.
/// </summary>
public sealed class SsrfClusterFixture : IAsyncLifetime
{
    public const string ReceiverHost = "receiver.fake";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private InProcessTestCluster? _cluster;
    private AzuriteFixture? _azurite;

    public string Container { get; } = AzuriteFixture.UniqueContainerName("ssrf");

    public FakeDns Dns { get; } = new();

    public LoopbackTrap Trap { get; } = new();

    public async Task<InProcessTestCluster> GetClusterAsync(AzuriteFixture azurite)
    {
        await _gate.WaitAsync();
        try
        {
            if (_cluster is null)
            {
                Dns.Answer(ReceiverHost, "127.0.0.1");
                var builder = new InProcessTestClusterBuilder(1);
                builder.ConfigureSilo((_, silo) => silo
                    .AddLedgerlinkGrainStorage(azurite.ConnectionString, Container)
                    .AddLedgerlinkReminders(azurite.ConnectionString, AzuriteFixture.UniqueTableName())
                    .AddLedgerlinkCompanyIndex(azurite.ConnectionString, AzuriteFixture.UniqueTableName("companies"))
                    .AddLedgerlinkWebhooks(options =>
                    {
                        options.InitialRetryDelay = TimeSpan.FromMilliseconds(200);
                        options.MaxAttempts = 3;
                        options.RequestTimeout = TimeSpan.FromSeconds(10);
                        options.AllowedInsecureHosts = [ReceiverHost];
                    })
                    .ConfigureServices(services => services.AddSingleton<IWebhookHostResolver>(Dns)));
                var cluster = builder.Build();
                await cluster.DeployAsync();
                _azurite = azurite;
                _cluster = cluster;
            }

            return _cluster;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Trap.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.Server.CreateServiceClient().GetBlobContainerClient(Container).DeleteIfExistsAsync();
        }

        _gate.Dispose();
    }
}

/// <summary>
/// Webhooks as an attacker would aim them: at the silo's loopback, private networks, cloud metadata, through names that
/// resolve there (or start resolving there after registration). None is registered or connected; the loopback trap
/// counts no connection. The allow-listed receiver still gets signed deliveries, and a deleted consumer gets no more.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class WebhookSsrfTests(AzuriteFixture azurite, SsrfClusterFixture fixture)
    : IClassFixture<SsrfClusterFixture>, IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;
    private WebhookReceiver _receiver = null!;

    private IServiceProvider Silo => _cluster.Silos[0].ServiceProvider;

    private IGrainFactory Grains => Silo.GetRequiredService<IGrainFactory>();

    public static TheoryData<string> ForbiddenTargets =>
    [
        "http://127.0.0.1:{port}/hook",
        "https://127.0.0.1:{port}/hook",
        "https://127.0.0.2:{port}/hook",
        "http://localhost:{port}/hook",
        "https://localhost:{port}/hook",
        "https://LOCALHOST.:{port}/hook",
        "https://[::1]:{port}/hook",
        "https://[::ffff:127.0.0.1]:{port}/hook",
        "https://[::ffff:7f00:1]:{port}/hook",
        "https://0.0.0.0:{port}/hook",
        "https://[::]:{port}/hook",
        "https://2130706433:{port}/hook",
        "https://0x7f.0.0.1:{port}/hook",
        "https://loopback.fake:{port}/hook",
        "https://private.fake:{port}/hook",
        "https://metadata.fake/latest/meta-data/",
        "https://metadata6.fake/latest/meta-data/",
        "https://mixed.fake:{port}/hook",
        "https://cgnat.fake:{port}/hook",
        "https://ula.fake:{port}/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[fd00:ec2::254]/latest/meta-data/",
        "https://10.0.0.5:{port}/hook",
        "https://192.168.1.1/hook",
        "https://172.16.0.1/hook",
        "https://100.64.0.1/hook",
        "https://224.0.0.1/hook",
        "https://[fe80::1]/hook",
        "https://[fec0::1]/hook",
        "https://[ff02::1]/hook",
        "http://8.8.8.8/hook",
        "http://public.fake/hook",
    ];

    public async Task InitializeAsync()
    {
        _cluster = await fixture.GetClusterAsync(azurite);
        _receiver = await WebhookReceiver.StartAsync();
        fixture.Dns.Answer("loopback.fake", "127.0.0.1");
        fixture.Dns.Answer("private.fake", "10.0.0.5");
        fixture.Dns.Answer("metadata.fake", "169.254.169.254");
        fixture.Dns.Answer("metadata6.fake", "fd00:ec2::254");
        fixture.Dns.Answer("mixed.fake", "8.8.8.8", "127.0.0.1");
        fixture.Dns.Answer("cgnat.fake", "100.64.1.2");
        fixture.Dns.Answer("ula.fake", "fc00::5");
        fixture.Dns.Answer("public.fake", "93.184.216.34");
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Theory]
    [MemberData(nameof(ForbiddenTargets))]
    public async Task The_webhook_client_refuses_to_connect_to_a_forbidden_target(string target)
    {
        var url = target.Replace("{port}", fixture.Trap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var client = Silo.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookDeliveryOptions.HttpClientName);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(new Uri(url), new StringContent("{}")));

        Assert.True(Refusal(failure) is WebhookTargets.AddressNotAllowed or WebhookTargets.HttpsRequired, failure.ToString());
        Assert.Equal(0, fixture.Trap.Connections);
    }

    [Theory]
    [MemberData(nameof(ForbiddenTargets))]
    public async Task Registering_a_forbidden_target_is_refused_and_stores_nothing(string target)
    {
        var url = target.Replace("{port}", fixture.Trap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var tenant = NewTenant();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => tenant.CreateWebhook(Consumer(url)));

        Assert.True(
            refused.Message.Contains(WebhookTargets.AddressNotAllowed, StringComparison.Ordinal)
            || refused.Message.Contains(WebhookTargets.HttpsRequired, StringComparison.Ordinal),
            refused.Message);
        Assert.Empty(await tenant.ListWebhooks());
        Assert.Equal(0, fixture.Trap.Connections);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_only_after_registration_is_never_connected()
    {
        var host = $"rebind-{Guid.NewGuid():N}.fake";
        fixture.Dns.Rebind(host, first: "93.184.216.34", later: "127.0.0.1");
        var tenant = NewTenant();
        await tenant.CreateWebhook(Consumer($"https://{host}:{fixture.Trap.Port}/hook"));

        await tenant.Publish(Event());

        var delivery = Assert.Single(await Eventually.ValueAsync(tenant.ListDeliveries, d => d.Count == 1 && d[0].Status != WebhookDeliveryStatus.Pending));
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(3, delivery.Attempts.Count);
        Assert.All(delivery.Attempts, attempt =>
        {
            Assert.Null(attempt.StatusCode);
            Assert.Equal(WebhookTargets.AddressNotAllowed, attempt.Error);
        });
        Assert.True(fixture.Dns.Lookups(host) >= 4, "registration and every attempt resolve the name");
        Assert.Equal(0, fixture.Trap.Connections);
    }

    [Fact]
    public async Task The_allow_listed_receiver_gets_signed_deliveries_and_no_delivery_record_holds_the_secret()
    {
        var endpoint = _receiver.Open("signed");
        var tenant = NewTenant();
        var consumer = await tenant.CreateWebhook(Consumer(ViaReceiverHost(endpoint.Url)));
        var webhookEvent = Event();

        await tenant.Publish(webhookEvent);

        var received = Assert.Single(await endpoint.WaitForRequestsAsync(1));
        Assert.True(WebhookSignature.Verify(consumer.SigningSecret, received.Id, received.Timestamp, received.Body, received.Signature));
        var delivery = Assert.Single(await Eventually.ValueAsync(tenant.ListDeliveries, d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.Delivered));
        Assert.Null(Assert.Single(delivery.Attempts).Error);

        // The secret lives in the tenant's state only: read every delivery blob as stored.
        var container = azurite.Server.CreateServiceClient().GetBlobContainerClient(fixture.Container);
        var deliveryBlobs = 0;
        await foreach (var blob in container.GetBlobsAsync())
        {
            if (!blob.Name.StartsWith("webhookDelivery-", StringComparison.Ordinal))
            {
                continue;
            }

            deliveryBlobs++;
            var content = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
            var secretKey = consumer.SigningSecret[WebhookSignature.SecretPrefix.Length..];
            Assert.DoesNotContain(secretKey, Encoding.UTF8.GetString(content), StringComparison.Ordinal);
            Assert.DoesNotContain(secretKey, Encoding.Unicode.GetString(content), StringComparison.Ordinal);
        }

        Assert.True(deliveryBlobs > 0, "no delivery blob found to inspect");
    }

    [Fact]
    public async Task A_deleted_webhook_gets_no_further_attempts_and_errors_stay_generic()
    {
        var endpoint = _receiver.Open("deleted", (_, _) => Task.FromResult(503));
        var tenant = NewTenant();
        var consumer = await tenant.CreateWebhook(Consumer(ViaReceiverHost(endpoint.Url)));
        await tenant.Publish(Event());
        await endpoint.WaitForRequestsAsync(1);

        Assert.True(await tenant.DeleteWebhook(consumer.Id));

        var delivery = Assert.Single(await Eventually.ValueAsync(tenant.ListDeliveries, d => d.Count == 1 && d[0].Status != WebhookDeliveryStatus.Pending));
        Assert.Equal(WebhookDeliveryStatus.Cancelled, delivery.Status);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(503, attempt.StatusCode);
        Assert.Equal("HTTP 5xx", attempt.Error);
        Assert.Single(endpoint.Received);
    }

    [Fact]
    public async Task A_refused_connection_is_logged_as_connection_refused_without_socket_details()
    {
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var tenant = NewTenant();
        await tenant.CreateWebhook(Consumer($"http://{SsrfClusterFixture.ReceiverHost}:{closedPort}/hook"));
        await tenant.Publish(Event());

        var delivery = Assert.Single(await Eventually.ValueAsync(tenant.ListDeliveries, d => d.Count == 1 && d[0].Status != WebhookDeliveryStatus.Pending));
        Assert.All(delivery.Attempts, a => Assert.Equal("connection refused", a.Error));
    }

    private static string? Refusal(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookTargetRefusedException refused)
            {
                return refused.Message;
            }
        }

        return null;
    }

    private static string ViaReceiverHost(Uri url) => new UriBuilder(url) { Host = SsrfClusterFixture.ReceiverHost }.Uri.ToString();

    private ITenantGrain NewTenant() => Grains.GetGrain<ITenantGrain>($"tenant-{Guid.NewGuid():N}");

    private static WebhookConsumerInfo Consumer(string url) => new("", url, Disabled: false, [], [], SigningSecret: "");

    private static WebhookEvent Event()
    {
        var id = Guid.NewGuid().ToString();
        return new WebhookEvent(id, "read.completed", null, DateTimeOffset.UtcNow, $$"""{"id":"{{id}}","eventType":"read.completed"}""");
    }
}
