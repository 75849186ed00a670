using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledgerlink.Releases;

/// <summary>
/// What an agent release holds, as the operator signed it: the version, the oldest version that may update to it, the
/// release notes and every file with its SHA-256. The signature covers the manifest's exact bytes, so the manifest
/// travels and is stored as those bytes and parsed only after the signature is checked.
/// </summary>
public sealed record ReleaseManifest(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("minimumVersion")] string MinimumVersion,
    [property: JsonPropertyName("notes")] string Notes,
    [property: JsonPropertyName("files")] IReadOnlyList<ReleaseFile> Files,
    [property: JsonPropertyName("created")] DateTimeOffset Created)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, ReleaseJson.Options);

    /// <summary>The manifest in <paramref name="bytes"/>, or null if they are not one.</summary>
    public static ReleaseManifest? Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<ReleaseManifest>(bytes, ReleaseJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One file of a release (for example <c>linux-x64.tar.gz</c>) with its SHA-256 in lower-case hex and its size.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Releases.ReleaseFile")]
public sealed record ReleaseFile(
    [property: Id(0), JsonPropertyName("name")] string Name,
    [property: Id(1), JsonPropertyName("sha256")] string Sha256,
    [property: Id(2), JsonPropertyName("size")] long Size);

internal static class ReleaseJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
