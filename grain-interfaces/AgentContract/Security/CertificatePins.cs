using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ledgerlink.Security;

/// <summary>
/// Which TLS certificates one end of an Orleans connection trusts, without the operating system's trust store: a
/// certificate is accepted when it chains to one of the pinned CA certificates, or when it (or a certificate the peer
/// sent with it) has one of the pinned thumbprints (SHA-256 or SHA-1, hex). With nothing pinned, the operating system's
/// trust store decides. Several CAs or thumbprints may be pinned at once, which is how a certificate is rotated.
/// Host names are not checked: Orleans dials silos by IP address, and the pin is what names the deployment.
/// </summary>
public sealed class CertificatePins
{
    private readonly X509Certificate2Collection _authorities;
    private readonly HashSet<string> _thumbprints;

    public CertificatePins(X509Certificate2Collection authorities, IEnumerable<string> thumbprints)
    {
        _authorities = authorities;
        _thumbprints = new HashSet<string>(thumbprints.Select(Normalize).Where(t => t.Length > 0), StringComparer.Ordinal);
    }

    public bool IsEmpty => _authorities.Count == 0 && _thumbprints.Count == 0;

    /// <summary>The pinned CAs and thumbprints, for log lines.</summary>
    public string Description => IsEmpty
        ? "the operating system's trust store"
        : string.Join(", ", _authorities.Select(a => $"CA '{a.Subject}' (SHA-256 {Sha256(a)})").Concat(_thumbprints.Select(t => $"thumbprint {t}")));

    /// <summary>
    /// Loads the CA certificates of <paramref name="caCertificatePath"/> (PEM, one or more certificates; or one DER
    /// certificate) and the given thumbprints. Throws <see cref="CryptographicException"/> or <see cref="IOException"/>
    /// when the file cannot be read.
    /// </summary>
    public static CertificatePins Load(string? caCertificatePath, IEnumerable<string>? thumbprints)
    {
        var authorities = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(caCertificatePath))
        {
            var text = File.ReadAllText(caCertificatePath);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                authorities.ImportFromPem(text);
            }
            else
            {
                authorities.Add(X509CertificateLoader.LoadCertificateFromFile(caCertificatePath));
            }

            if (authorities.Count == 0)
            {
                throw new CryptographicException($"'{caCertificatePath}' holds no certificate.");
            }
        }

        return new CertificatePins(authorities, thumbprints ?? []);
    }

    /// <summary>True when <paramref name="thumbprint"/> is 40 (SHA-1) or 64 (SHA-256) hex digits, colons and spaces ignored.</summary>
    public static bool IsWellFormedThumbprint(string thumbprint)
    {
        var normalized = Normalize(thumbprint);
        return normalized.Length is 40 or 64 && normalized.All(Uri.IsHexDigit);
    }

    /// <summary>The SHA-256 thumbprint of <paramref name="certificate"/> as upper-case hex.</summary>
    public static string Sha256(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>
    /// Decides whether the peer's <paramref name="certificate"/> is trusted; <paramref name="policyErrors"/> is what the
    /// platform found with its own trust store and is only used when nothing is pinned. <paramref name="reason"/> says
    /// in one sentence why a certificate was refused.
    /// </summary>
    public bool IsTrusted(X509Certificate2 certificate, X509Chain? presented, System.Net.Security.SslPolicyErrors policyErrors, out string reason)
    {
        var now = DateTime.Now;
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            reason = $"the certificate '{certificate.Subject}' (SHA-256 {Sha256(certificate)}) is valid only from {certificate.NotBefore:u} to {certificate.NotAfter:u}";
            return false;
        }

        if (IsEmpty)
        {
            var chainErrors = policyErrors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch;
            reason = chainErrors == System.Net.Security.SslPolicyErrors.None
                ? string.Empty
                : $"the certificate '{certificate.Subject}' (SHA-256 {Sha256(certificate)}) is not trusted by the operating system ({chainErrors}) and no CA is pinned";
            return chainErrors == System.Net.Security.SslPolicyErrors.None;
        }

        var sent = presented?.ChainElements.Select(e => e.Certificate).ToList() ?? [];
        if (_thumbprints.Count > 0 && sent.Prepend(certificate).Any(c => _thumbprints.Contains(Sha256(c)) || _thumbprints.Contains(c.Thumbprint)))
        {
            reason = string.Empty;
            return true;
        }

        if (_authorities.Count > 0)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.ExtraStore.AddRange(sent.Where(c => !c.Equals(certificate)).ToArray());
            if (chain.Build(certificate))
            {
                reason = string.Empty;
                return true;
            }

            var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            reason = $"the certificate '{certificate.Subject}' issued by '{certificate.Issuer}' (SHA-256 {Sha256(certificate)}) " +
                     $"does not match the pinned {Description}" + (status.Length > 0 ? $" ({status})" : string.Empty);
            return false;
        }

        reason = $"the certificate '{certificate.Subject}' issued by '{certificate.Issuer}' (SHA-256 {Sha256(certificate)}) does not match the pinned {Description}";
        return false;
    }

    private static string Normalize(string thumbprint) =>
        new([.. thumbprint.Where(c => c is not (':' or ' ' or '-')).Select(char.ToUpperInvariant)]);
}
