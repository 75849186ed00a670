using System.Security.Cryptography;

namespace Ledgerlink.Releases;

/// <summary>
/// The operator's release key: ECDSA P-256 over SHA-256, keys as PEM (PKCS#8 private, SubjectPublicKeyInfo public).
/// Signing happens on the operator's machine (<c>ledgerlink-silo release sign</c>); silos and agents only ever hold the
/// public key and verify.
/// </summary>
public static class ReleaseSigning
{
    public static (string PrivateKeyPem, string PublicKeyPem) CreateKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    public static byte[] Sign(ReadOnlySpan<byte> manifest, string privateKeyPem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem);
        if (key.KeySize != 256)
        {
            throw new CryptographicException("The release key must be an ECDSA P-256 key.");
        }

        return key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>True when <paramref name="signature"/> is this public key's signature of exactly <paramref name="manifest"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> signature, string publicKeyPem)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            return key.KeySize == 256 && key.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A short name for a public key (first 16 hex digits of the SHA-256 of its PEM text, trimmed), for logs and listings.</summary>
    public static string KeyId(string publicKeyPem) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(publicKeyPem.Trim())))[..16];
}
