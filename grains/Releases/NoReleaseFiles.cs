namespace Ledgerlink.Grains.Releases;

/// <summary>
/// A silo without the HTTP API (the in-process test clusters) has no release container: every release reads as
/// absent, which the gateway refuses in words, rather than failing to activate for want of a service.
/// </summary>
internal sealed class NoReleaseFiles : IReleaseFiles
{
    public Task<(byte[] Manifest, byte[] Signature)?> ReadSignedManifestAsync(string version, CancellationToken cancellationToken) =>
        Task.FromResult<(byte[], byte[])?>(null);

    public Task<byte[]?> ReadFileRangeAsync(string version, string name, long offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult<byte[]?>(null);
}
