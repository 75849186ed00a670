using System.Security.Cryptography;

namespace Ledgerlink.Releases;

/// <summary>
/// The checks a release must pass before anything uses it, on the silo at publish time and again on the agent before
/// it installs: the signature with the pinned public key, a well-formed manifest, each file's SHA-256 and size, and
/// that the installed version may update to it. Each refusal says which part failed, in words support can act on.
/// </summary>
public static class ReleaseCheck
{
    /// <summary>The manifest if <paramref name="signature"/> is the pinned key's signature of it and it is well formed.</summary>
    public static (ReleaseManifest? Manifest, ReleaseRefusal? Refusal) Manifest(byte[] manifest, byte[] signature, string publicKeyPem)
    {
        if (!ReleaseSigning.Verify(manifest, signature, publicKeyPem))
        {
            return (null, new("signature", "The manifest's signature does not verify with the release public key (signed with another key, or changed after signing)."));
        }

        var parsed = ReleaseManifest.Parse(manifest);
        if (parsed is null)
        {
            return (null, new("manifest", "The manifest is not valid JSON for a release manifest."));
        }

        if (!ReleaseVersion.TryParse(parsed.Version, out var version))
        {
            return (null, new("manifest.version", $"manifest.version '{parsed.Version}' is not a version (numbers separated by dots, e.g. 1.4.0)."));
        }

        if (!ReleaseVersion.TryParse(parsed.MinimumVersion, out var minimum) || ReleaseVersion.Compare(minimum, version) > 0)
        {
            return (null, new("manifest.minimumVersion", $"manifest.minimumVersion '{parsed.MinimumVersion}' is not a version at or below {parsed.Version}."));
        }

        if (parsed.Files is not { Count: > 0 })
        {
            return (null, new("manifest.files", "manifest.files lists no files."));
        }

        for (var i = 0; i < parsed.Files.Count; i++)
        {
            var file = parsed.Files[i];
            if (!IsSafeName(file.Name))
            {
                return (null, new($"manifest.files[{i}].name", $"manifest.files[{i}].name '{file.Name}' is not a plain file name (letters, digits, '.', '-', '_')."));
            }

            if (file.Sha256 is not { Length: 64 } || file.Sha256.Any(c => !char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)))
            {
                return (null, new($"manifest.files[{i}].sha256", $"manifest.files[{i}].sha256 must be 64 lower-case hex digits."));
            }
        }

        return parsed.Files.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != parsed.Files.Count
            ? (null, new("manifest.files", "manifest.files lists a file twice."))
            : (parsed, null);
    }

    /// <summary>Refuses a release the installed <paramref name="currentVersion"/> may not update to (older than its minimum, or not newer).</summary>
    public static ReleaseRefusal? UpdateFrom(ReleaseManifest manifest, string currentVersion)
    {
        if (!ReleaseVersion.TryParse(currentVersion, out var current) || !ReleaseVersion.TryParse(manifest.MinimumVersion, out var minimum))
        {
            return new("version", $"The installed version '{currentVersion}' cannot be compared with the release.");
        }

        return ReleaseVersion.Compare(current, minimum) < 0
            ? new("minimumVersion", $"minimumVersion: version {manifest.Version} updates only from {manifest.MinimumVersion} or later; this agent runs {currentVersion}.")
            : null;
    }

    /// <summary>Reads <paramref name="content"/> to its end and refuses it unless its SHA-256 and size are the manifest's.</summary>
    public static async Task<ReleaseRefusal?> FileAsync(ReleaseFile expected, Stream content, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        return actual == expected.Sha256 && size == expected.Size
            ? null
            : new($"files.{expected.Name}", $"files.{expected.Name} does not match the manifest (SHA-256 {actual[..12]}…, {size} bytes; expected {expected.Sha256[..12]}…, {expected.Size} bytes).");
    }

    public static bool IsSafeName(string? name) =>
        name is { Length: > 0 and <= 100 } && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}

/// <summary>Why a release was refused: <paramref name="Field"/> names the part (signature, a manifest field, a file).</summary>
public sealed record ReleaseRefusal(string Field, string Reason);
