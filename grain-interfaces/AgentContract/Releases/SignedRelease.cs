namespace Ledgerlink.Releases;

/// <summary>
/// A published release as the operator signed it: the manifest's exact bytes and the detached signature over them.
/// The agent checks the signature with the release public key pinned at install before it reads a single field.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Releases.SignedRelease")]
public sealed record SignedRelease(
    [property: Id(0)] byte[] Manifest,
    [property: Id(1)] byte[] Signature);
