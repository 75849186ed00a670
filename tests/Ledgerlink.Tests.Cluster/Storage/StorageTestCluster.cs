using Ledgerlink.Grains.Storage;
using Ledgerlink.Tests.Storage.Probe;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Ledgerlink.Tests.Storage;

/// <summary>
/// A one-silo in-process Orleans cluster whose default grain storage is our configuration of the official Azure blob
/// provider (<see cref="GrainStorageSetup"/>) on Azurite.
/// </summary>
public sealed class StorageTestCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private bool _disposed;

    private StorageTestCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public IClusterClient Client => _cluster.Client;

    /// <summary>The default grain storage provider, as the silo resolved it.</summary>
    public IGrainStorage Storage =>
        _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public static async Task<StorageTestCluster> StartAsync(
        string serviceId, string connectionString, string containerName, Action<AzureBlobStorageOptions>? configureStorage)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddLedgerlinkGrainStorage(connectionString, containerName, configureStorage));
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

        return new StorageTestCluster(cluster);
    }

    public IStateProbeGrain Probe(string key) => Client.GetGrain<IStateProbeGrain>(key);

    /// <summary>Deactivates the grain and waits until it is gone, so the next call builds a new activation.</summary>
    public Task DeactivateAsync(IAddressable grain) => _cluster.DeactivateAsync(grain);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _cluster.DisposeAsync();
    }
}
