using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;

namespace Ledgerlink.Grains.Storage;

/// <summary>
/// Grain state in Azure Blob Storage through the Orleans team's provider (Microsoft.Orleans.Persistence.AzureStorage):
/// one JSON blob per grain state (System.Text.Json), written with ETag conditions so a stale writer gets
/// <see cref="InconsistentStateException"/>, in a container created at silo start.
/// </summary>
public static class GrainStorageSetup
{
    public static ISiloBuilder AddLedgerlinkGrainStorage(
        this ISiloBuilder silo, string connectionString, string containerName, Action<AzureBlobStorageOptions>? configure = null) =>
        silo.AddAzureBlobGrainStorageAsDefault(options => options.Configure<IServiceProvider>((blob, services) =>
        {
            var client = new BlobClientOptions();

            // Fail in seconds, not minutes, when storage does not answer: a silo start reports it, a grain call
            // fails and is retried by its caller, and /ready turns 503.
            client.Retry.MaxRetries = 3;
            client.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
            blob.ClientOptions = client;
            blob.BlobServiceClient = new BlobServiceClient(connectionString, client);
            blob.ContainerName = containerName;
            blob.GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services);
            configure?.Invoke(blob);
        }));
}
