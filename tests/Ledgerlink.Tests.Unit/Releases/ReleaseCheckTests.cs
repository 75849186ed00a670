using System.Security.Cryptography;
using Ledgerlink.Releases;

namespace Ledgerlink.Tests.Releases;

/// <summary>
/// The checks the silo makes at publish and an agent makes before installing: a manifest signed with the operator's
/// key passes; another key, a manifest changed after signing, a file whose hash or size differs, and an installed
/// version below the release's minimum are each refused, naming what failed.
/// </summary>
public sealed class ReleaseCheckTests
{
    private static readonly byte[] Archive = RandomNumberGenerator.GetBytes(10_000);

    [Fact]
    public void A_manifest_signed_with_the_release_key_verifies_and_parses()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        var manifest = Manifest("1.4.0", "1.2.0");

        var (parsed, refusal) = ReleaseCheck.Manifest(manifest, ReleaseSigning.Sign(manifest, privateKey), publicKey);

        Assert.Null(refusal);
        Assert.Equal("1.4.0", parsed!.Version);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Archive)), parsed.Files[0].Sha256);
    }

    [Fact]
    public void A_manifest_signed_with_another_key_is_refused_for_its_signature()
    {
        var (_, publicKey) = ReleaseSigning.CreateKey();
        var (otherPrivate, _) = ReleaseSigning.CreateKey();
        var manifest = Manifest("1.4.0", "1.2.0");

        var (parsed, refusal) = ReleaseCheck.Manifest(manifest, ReleaseSigning.Sign(manifest, otherPrivate), publicKey);

        Assert.Null(parsed);
        Assert.Equal("signature", refusal!.Field);
    }

    [Fact]
    public void A_manifest_changed_after_signing_is_refused_for_its_signature()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        var manifest = Manifest("1.4.0", "1.2.0");
        var signature = ReleaseSigning.Sign(manifest, privateKey);

        // Lower the minimum version after signing: the bytes differ, so the signature no longer covers them.
        var tampered = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(manifest).Replace("\"1.2.0\"", "\"0.0.1\"", StringComparison.Ordinal));
        Assert.NotEqual(manifest, tampered);

        Assert.Equal("signature", ReleaseCheck.Manifest(tampered, signature, publicKey).Refusal!.Field);
    }

    [Fact]
    public async Task A_file_whose_hash_or_size_differs_from_the_manifest_is_refused_naming_the_file()
    {
        var expected = ReleaseManifest.Parse(Manifest("1.4.0", "1.2.0"))!.Files[0];
        Assert.Null(await ReleaseCheck.FileAsync(expected, new MemoryStream(Archive)));

        var changed = (byte[])Archive.Clone();
        changed[5_000] ^= 0xFF;
        var refusal = await ReleaseCheck.FileAsync(expected, new MemoryStream(changed));
        Assert.Equal("files.linux-x64.tar.gz", refusal!.Field);
        Assert.Contains("does not match the manifest", refusal.Reason, StringComparison.Ordinal);

        Assert.NotNull(await ReleaseCheck.FileAsync(expected, new MemoryStream(Archive[..^1])));
    }

    [Theory]
    [InlineData("1.1.9", false)]
    [InlineData("1.2", true)]
    [InlineData("1.2.0", true)]
    [InlineData("1.3.7", true)]
    [InlineData("not-a-version", false)]
    public void An_agent_below_the_minimum_version_may_not_update(string installed, bool allowed)
    {
        var manifest = ReleaseManifest.Parse(Manifest("1.4.0", "1.2.0"))!;

        var refusal = ReleaseCheck.UpdateFrom(manifest, installed);

        Assert.Equal(allowed, refusal is null);
    }

    [Theory]
    [InlineData("1.4.0-beta", "1.2.0", "manifest.version")]
    [InlineData("1.4.0", "1.5.0", "manifest.minimumVersion")]
    public void A_signed_but_malformed_manifest_is_refused_naming_the_field(string version, string minimum, string field)
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        var manifest = Manifest(version, minimum);

        Assert.Equal(field, ReleaseCheck.Manifest(manifest, ReleaseSigning.Sign(manifest, privateKey), publicKey).Refusal!.Field);
    }

    [Fact]
    public void A_file_name_with_a_path_is_refused()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        var manifest = new ReleaseManifest("1.4.0", "1.2.0", "", [new ReleaseFile("../evil", new string('a', 64), 1)], DateTimeOffset.UnixEpoch).ToBytes();

        Assert.Equal("manifest.files[0].name", ReleaseCheck.Manifest(manifest, ReleaseSigning.Sign(manifest, privateKey), publicKey).Refusal!.Field);
    }

    private static byte[] Manifest(string version, string minimum) => new ReleaseManifest(
        version, minimum, "Faster syncs.",
        [new ReleaseFile("linux-x64.tar.gz", Convert.ToHexStringLower(SHA256.HashData(Archive)), Archive.Length)],
        DateTimeOffset.UnixEpoch).ToBytes();
}
