using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ledgerlink.Grains.Storage;
using Ledgerlink.Testing.Azurite;
using Orleans.Configuration;

namespace Ledgerlink.Tests.Storage;

/// <summary>
/// One test's corner of the shared Azurite: its own container and service id, the clusters it started, and raw
/// access to the blobs so assertions look at what is really stored rather than at what the provider says.
/// </summary>
public sealed class StorageScenario(AzuriteFixture azurite) : IAsyncDisposable
{
    private readonly List<StorageTestCluster> _clusters = [];

    public string ServiceId { get; } = $"ledgerlink-tests-{Guid.NewGuid():N}"[..29];

    public string ContainerName { get; } = AzuriteFixture.UniqueContainerName("grainstate");

    public BlobContainerClient Container => azurite.Server.CreateServiceClient().GetBlobContainerClient(ContainerName);

    /// <summary>Starts a cluster over this scenario's container and service id (a second one sees the first's state).</summary>
    public async Task<StorageTestCluster> StartClusterAsync(Action<AzureBlobStorageOptions>? configure = null)
    {
        var cluster = await StorageTestCluster.StartAsync(ServiceId, azurite.ConnectionString, ContainerName, configure);
        _clusters.Add(cluster);
        return cluster;
    }

    /// <summary>The official provider's name for a grain state's blob: <c>{stateName}-{grainId}.json</c>.</summary>
    public static string BlobNameFor(string stateName, GrainId grainId) => $"{stateName}-{grainId}.json";

    /// <summary>The blob as stored, or null when there is none.</summary>
    public async Task<StoredBlob?> ReadBlobAsync(string stateName, GrainId grainId)
    {
        try
        {
            var download = await Container.GetBlobClient(BlobNameFor(stateName, grainId)).DownloadContentAsync();
            return new StoredBlob(download.Value.Content.ToArray(), download.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    public async Task<List<string>> ListBlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.DisposeAsync();
        }

        await Container.DeleteIfExistsAsync();
    }
}

/// <summary>Raw content and ETag of a stored blob.</summary>
public sealed record StoredBlob(byte[] Content, string ETag);
