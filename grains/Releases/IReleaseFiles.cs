namespace Ledgerlink.Grains.Releases;

/// <summary>
/// Read access to the release container for the agent gateway (the silo's ReleaseStore implements it): the signed
/// manifest as published, and ranges of a published file, so agents download through the only door they have.
/// </summary>
public interface IReleaseFiles
{
    /// <summary>The manifest's bytes and signature as published, or null.</summary>
    Task<(byte[] Manifest, byte[] Signature)?> ReadSignedManifestAsync(string version, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> bytes of a published file from <paramref name="offset"/> (empty past its end), or null when it is not stored.</summary>
    Task<byte[]?> ReadFileRangeAsync(string version, string name, long offset, int count, CancellationToken cancellationToken);
}
