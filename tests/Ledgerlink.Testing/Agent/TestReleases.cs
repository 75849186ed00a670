using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.Releases;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Testing.Agent;

/// <summary>
/// Agent releases for update tests and the rollout benchmark: the agent published with another version number
/// (<see cref="AgentBuild"/>), or a built agent copied with another version of the same length patched in place into its
/// assembly (only the informational version the agent reports changes; the rollout benchmark's runs 2–10 do this rather
/// than publish ten times), an agent that exits at once, packing as <c>linux-x64.tar.gz</c>, and publishing through the
/// operator API with a test release key.
/// </summary>
public static class TestReleases
{
    /// <summary>The running agent's version with every digit a 9: newer, and exactly as long (e.g. 0.1.0 → 9.9.9).</summary>
    public static string HigherVersion { get; } = string.Concat(AgentVersion.Current.Select(c => char.IsAsciiDigit(c) ? '9' : c));

    /// <summary>
    /// The agent published as <see cref="HigherVersion"/> (<see cref="AgentBuild"/>: the same code, another version number),
    /// copied into <paramref name="folder"/>. Built once per test run; later callers share the build.
    /// </summary>
    public static async Task<string> CopyAgentBuiltAsHigherVersionAsync(string folder)
    {
        var built = await AgentBuild.PublishAsync(HigherVersion);
        return CopyAgentWithVersion(built.Folder, folder, HigherVersion);
    }

    /// <summary>
    /// Copies the agent in <paramref name="built"/> into <paramref name="folder"/>, reporting <paramref name="version"/>:
    /// as built when that is its version, else patched, which needs a version as long as the built one (1.0.101 → 1.0.102).
    /// </summary>
    public static string CopyAgentWithVersion(string built, string folder, string version)
    {
        foreach (var file in Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var assembly = Path.Combine(folder, "ledgerlink-agent.dll");
        var (blob, builtVersion) = InformationalVersionBlob(assembly);
        if (builtVersion == version)
        {
            return folder;
        }

        if (version.Length != builtVersion.Length)
        {
            throw new ArgumentException($"Version {version} is not as long as the built {builtVersion}; only equal lengths can be patched in place.", nameof(version));
        }

        var bytes = File.ReadAllBytes(assembly);
        var at = bytes.AsSpan().IndexOf(blob);
        if (at < 0 || bytes.AsSpan(at + 1).IndexOf(blob) >= 0)
        {
            throw new InvalidOperationException("The agent's informational version is not found exactly once in its assembly.");
        }

        // Blob: prolog 01 00, one length byte (short strings), the UTF-8 string, no named arguments 00 00.
        Encoding.ASCII.GetBytes(version).CopyTo(bytes, at + 3);
        File.WriteAllBytes(assembly, bytes);
        return folder;
    }

    /// <summary>A package whose <c>ledgerlink-agent</c> prints an error and exits at once (a release that cannot start).</summary>
    public static byte[] BrokenAgentArchive() => TarGz(
        ("ledgerlink-agent", "#!/bin/sh\necho 'ledgerlink-agent: this build cannot start' >&2\nexit 3\n"u8.ToArray(), (UnixFileMode)0b111_101_101));

    /// <summary>The folder as a gzip-compressed tar (file modes kept, so the apphost stays executable).</summary>
    public static async Task<byte[]> PackAsync(string folder)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await TarFile.CreateFromDirectoryAsync(folder, gzip, includeBaseDirectory: false);
        }

        return buffer.ToArray();
    }

    public static byte[] TarGz(params (string Name, byte[] Content, UnixFileMode Mode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, content, mode) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = mode });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Uploads <paramref name="files"/>, signs a manifest for them with <paramref name="privateKey"/> and publishes it.</summary>
    public static async Task PublishAsync(
        HttpClient operators, string privateKey, string version, IReadOnlyDictionary<string, byte[]> files, object? rollout = null, string minimumVersion = "0.0.1")
    {
        foreach (var (name, bytes) in files)
        {
            using var content = new ByteArrayContent(bytes);
            using var upload = await operators.PutAsync(new Uri($"/operator/releases/{version}/files/{name}", UriKind.Relative), content);
            Assert.True(upload.StatusCode == HttpStatusCode.NoContent, await upload.Content.ReadAsStringAsync());
        }

        var manifest = new ReleaseManifest(version, minimumVersion, "Test release.",
            [.. files.Select(f => new ReleaseFile(f.Key, Convert.ToHexStringLower(SHA256.HashData(f.Value)), f.Value.Length))], DateTimeOffset.UtcNow).ToBytes();
        using var published = await operators.PostJsonAsync("/operator/releases", new
        {
            manifest = Convert.ToBase64String(manifest),
            signature = Convert.ToBase64String(ReleaseSigning.Sign(manifest, privateKey)),
            rollout,
        });
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }

    /// <summary>The informational version attribute's blob and the version it starts with (before any <c>+commit</c>).</summary>
    private static (byte[] Blob, string Version) InformationalVersionBlob(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind == HandleKind.MemberReference
                && metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } parent
                && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name) == nameof(AssemblyInformationalVersionAttribute))
            {
                var blob = metadata.GetBlobBytes(attribute.Value);
                return blob[2] < 0x80
                    ? (blob, Encoding.UTF8.GetString(blob, 3, blob[2]).Split('+')[0])
                    : throw new InvalidOperationException("The informational version is longer than a one-byte length.");
            }
        }

        throw new InvalidOperationException("The agent's assembly has no informational version.");
    }
}
