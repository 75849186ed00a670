using Ledgerlink.Grains.Reminders;
using Ledgerlink.Grains.Storage;
using Ledgerlink.Grains.Tenants;
using Ledgerlink.Grains.Webhooks;
using Ledgerlink.Testing.Azurite;
using Orleans.TestingHost;

namespace Ledgerlink.Tests.Tenants;

/// <summary>
/// One in-process silo per test class, storing grain state in the collection's Azurite (its own container, removed at
/// the end) and delivering webhooks with short retry delays. Built on first use, because xunit 2 cannot hand the
/// collection's Azurite to a class fixture's constructor.
/// </summary>
public sealed class TenantClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan InitialRetryDelay = TimeSpan.FromMilliseconds(200);
    public const double BackoffFactor = 2;
    public const int MaxAttempts = 4;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _container = AzuriteFixture.UniqueContainerName("tenants");
    private InProcessTestCluster? _cluster;
    private AzuriteFixture? _azurite;

    public async Task<InProcessTestCluster> GetClusterAsync(AzuriteFixture azurite)
    {
        await _gate.WaitAsync();
        try
        {
            if (_cluster is null)
            {
                var builder = new InProcessTestClusterBuilder(1);
                builder.ConfigureSilo((_, silo) => silo
                    .AddLedgerlinkGrainStorage(azurite.ConnectionString, _container)
                    .AddLedgerlinkReminders(azurite.ConnectionString, AzuriteFixture.UniqueTableName())
                    .AddLedgerlinkCompanyIndex(azurite.ConnectionString, AzuriteFixture.UniqueTableName("companies"))
                    .AddLedgerlinkWebhooks(ConfigureDelivery));
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

    public static void ConfigureDelivery(WebhookDeliveryOptions options)
    {
        options.InitialRetryDelay = InitialRetryDelay;
        options.BackoffFactor = BackoffFactor;
        options.MaxAttempts = MaxAttempts;
        options.RequestTimeout = TimeSpan.FromSeconds(10);
        options.AllowedInsecureHosts = ["127.0.0.1"];
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.Server.CreateServiceClient().GetBlobContainerClient(_container).DeleteIfExistsAsync();
        }

        _gate.Dispose();
    }
}
