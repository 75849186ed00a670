using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ledgerlink.Grains.Releases;
using Ledgerlink.Releases;

namespace Ledgerlink.Silo.Releases;

/// <summary>
/// The release container (<c>Ledgerlink:Storage:ReleaseContainer</c>, default <c>releases</c>): per version, the files
/// the operator uploaded (<c>{version}/files/{name}</c>), then at publish the signed manifest's exact bytes and its
/// detached signature (<c>{version}/manifest.json</c>, <c>{version}/manifest.sig</c>), which agents verify themselves.
/// </summary>
public sealed class ReleaseStore(BlobContainerClient container, ReleaseOptions options) : IReleaseFiles
{
    private volatile bool _containerExists;

    public ReleaseOptions Options { get; } = options;

    public static ReleaseStore Create(IConfiguration configuration)
    {
        var options = configuration.GetSection(ReleaseOptions.SectionName).Get<ReleaseOptions>() ?? new ReleaseOptions();
        var connectionString = configuration["Ledgerlink:Storage:ConnectionString"] ?? Hosting.AzuriteDevelopmentStorage.ConnectionString;
        var name = configuration["Ledgerlink:Storage:ReleaseContainer"] ?? "releases";
        return new ReleaseStore(new BlobServiceClient(connectionString).GetBlobContainerClient(name), options);
    }

    public async Task UploadFileAsync(string version, string name, Stream content, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await File(version, name).UploadAsync(content, overwrite: true, cancellationToken);
    }

    /// <summary>The uploaded file checked against the manifest's entry, or why not (missing, other hash or size).</summary>
    public async Task<ReleaseRefusal?> CheckFileAsync(string version, ReleaseFile expected, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await File(version, expected.Name).OpenReadAsync(cancellationToken: cancellationToken);
            return await ReleaseCheck.FileAsync(expected, stream, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return new ReleaseRefusal($"files.{expected.Name}", $"files.{expected.Name} is listed in the manifest but was not uploaded for version {version}.");
        }
    }

    public async Task SaveSignedManifestAsync(string version, byte[] manifest, byte[] signature, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await container.GetBlobClient($"{version}/manifest.json").UploadAsync(new BinaryData(manifest), overwrite: true, cancellationToken);
        await container.GetBlobClient($"{version}/manifest.sig").UploadAsync(new BinaryData(signature), overwrite: true, cancellationToken);
    }

    /// <summary>The manifest's bytes and signature as published, or null.</summary>
    public async Task<(byte[] Manifest, byte[] Signature)?> ReadSignedManifestAsync(string version, CancellationToken cancellationToken)
    {
        try
        {
            var manifest = await container.GetBlobClient($"{version}/manifest.json").DownloadContentAsync(cancellationToken);
            var signature = await container.GetBlobClient($"{version}/manifest.sig").DownloadContentAsync(cancellationToken);
            return (manifest.Value.Content.ToArray(), signature.Value.Content.ToArray());
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>A published file's content, or null.</summary>
    public async Task<Stream?> OpenFileAsync(string version, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await File(version, name).OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>Up to <paramref name="count"/> bytes of a published file from <paramref name="offset"/> (empty past its end), or null.</summary>
    public async Task<byte[]?> ReadFileRangeAsync(string version, string name, long offset, int count, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await File(version, name).GetPropertiesAsync(cancellationToken: cancellationToken);
            if (offset >= properties.Value.ContentLength)
            {
                return [];
            }

            var range = new HttpRange(offset, Math.Min(count, properties.Value.ContentLength - offset));
            var content = await File(version, name).DownloadContentAsync(new BlobDownloadOptions { Range = range }, cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates the container before the first write of this process: releases are rare, so the silo does not create it at
    /// start, and once it exists no write needs to ask again.
    /// </summary>
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }
    }

    private BlobClient File(string version, string name) => container.GetBlobClient($"{version}/files/{name}");

    /// <summary>Lists what is stored for a version (for tests and operators).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string version, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (!await container.ExistsAsync(cancellationToken))
        {
            return names;
        }

        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{version}/", cancellationToken))
        {
            names.Add(item.Name);
        }

        return names;
    }
}
