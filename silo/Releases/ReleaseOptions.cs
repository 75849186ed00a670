namespace Ledgerlink.Silo.Releases;

/// <summary>
/// <c>Ledgerlink:Releases</c>: the operator's release <em>public</em> key (PEM text, or a file holding it) that every
/// published release must be signed for, and the largest file accepted. The private key is never configured on a silo.
/// </summary>
public sealed class ReleaseOptions
{
    public const string SectionName = "Ledgerlink:Releases";

    public string? PublicKey { get; set; }

    public string? PublicKeyPath { get; set; }

    /// <summary>A self-contained agent archive is tens of MiB; 512 MiB leaves room.</summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    public string? ResolvePublicKey() =>
        !string.IsNullOrWhiteSpace(PublicKey) ? PublicKey
        : !string.IsNullOrWhiteSpace(PublicKeyPath) && File.Exists(PublicKeyPath) ? File.ReadAllText(PublicKeyPath)
        : null;
}
