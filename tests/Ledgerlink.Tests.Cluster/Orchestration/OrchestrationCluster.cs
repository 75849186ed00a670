using Azure.Storage.Blobs;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Grains.Reminders;
using Ledgerlink.Grains.Security;
using Ledgerlink.Grains.Storage;
using Ledgerlink.Grains.Tenants;
using Ledgerlink.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>The blob containers and service id one test's clusters share; a restarted cluster reuses them.</summary>
public sealed record OrchestrationStorage(string ServiceId, string StateContainer, string DatasetContainer)
{
    public static OrchestrationStorage New() => new(
        $"svc-{Guid.NewGuid():N}"[..16],
        AzuriteFixture.UniqueContainerName("state"),
        AzuriteFixture.UniqueContainerName("datasets"));
}

/// <summary>
/// A real one-silo Orleans cluster with Ledgerlink's grains, blob grain storage and dataset store on Azurite.
/// </summary>
public sealed class OrchestrationCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly AzuriteFixture _azurite;

    private OrchestrationCluster(InProcessTestCluster cluster, AzuriteFixture azurite, OrchestrationStorage storage)
    {
        _cluster = cluster;
        _azurite = azurite;
        Storage = storage;
    }

    public OrchestrationStorage Storage { get; }

    /// <summary>
    /// An external client, as an agent connects: the gateway lets it call only the agent contract, so tests use it for
    /// <see cref="Ledgerlink.Agents.IAgentGatewayGrain"/> and nothing else.
    /// </summary>
    public IClusterClient Client => _cluster.Client;

    /// <summary>The silo's own grain factory: calls from inside the cluster, as the HTTP API and the grains make them.</summary>
    public IGrainFactory Grains => _cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();

    public IServiceProvider SiloServices => _cluster.Silos[0].ServiceProvider;

    /// <summary>Deactivates the grain and waits until it is gone, so the next call builds a new activation from storage.</summary>
    public Task DeactivateAsync(IAddressable grain) => _cluster.DeactivateAsync(grain);

    public IDatasetBlobStore DatasetStore => _cluster.Silos[0].ServiceProvider.GetRequiredService<IDatasetBlobStore>();

    public BlobContainerClient DatasetContainer =>
        _azurite.Server.CreateServiceClient().GetBlobContainerClient(Storage.DatasetContainer);

    public static async Task<OrchestrationCluster> StartAsync(
        AzuriteFixture azurite,
        OrchestrationStorage? storage = null,
        Action<LedgerlinkGrainOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        storage ??= OrchestrationStorage.New();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = storage.ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo
            .AddLedgerlinkGrainStorage(azurite.ConnectionString, storage.StateContainer)
            .AddLedgerlinkReminders(azurite.ConnectionString, AzuriteFixture.UniqueTableName())
            .AddLedgerlinkCompanyIndex(azurite.ConnectionString, AzuriteFixture.UniqueTableName("companies"))
            .AddLedgerlinkGrains(options =>
            {
                options.Datasets.ConnectionString = azurite.ConnectionString;
                options.Datasets.ContainerName = storage.DatasetContainer;
                configure?.Invoke(options);
            })
            .ConfigureServices(collection =>
            {
                // The test cluster's own client asks the silos about their status through Orleans' test hooks.
                collection.Configure<ExternalCallOptions>(o => o.AlsoAllowed.Add("Orleans.Runtime.TestHooks.ITestHooks"));
                services?.Invoke(collection);
            }));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new OrchestrationCluster(cluster, azurite, storage);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
