using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ledgerlink.Silo.Hosting;

/// <summary>Loads the silo's TLS certificate and private key from a PFX/PKCS#12 file or from PEM files.</summary>
public static class SiloCertificate
{
    /// <summary>
    /// Throws <see cref="CryptographicException"/> or <see cref="IOException"/> when the files cannot be read (a wrong
    /// password included) and <see cref="InvalidOperationException"/> when the certificate has no private key.
    /// </summary>
    public static X509Certificate2 Load(LedgerlinkSiloOptions.TlsOptions tls)
    {
        var path = tls.CertificatePath ?? throw new InvalidOperationException("Ledgerlink:Tls:CertificatePath is required while Ledgerlink:Tls:Enabled is true.");
        X509Certificate2 certificate;
        if (IsPkcs12(path))
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, tls.CertificatePassword);
        }
        else
        {
            var keyPath = string.IsNullOrWhiteSpace(tls.KeyPath) ? path : tls.KeyPath;
            using var pem = string.IsNullOrEmpty(tls.CertificatePassword)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, tls.CertificatePassword, keyPath);

            // A key read from PEM lives only in memory; Windows' TLS stack wants it in a PKCS#12 it can import.
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"Ledgerlink:Tls:CertificatePath '{path}' has no private key.");
        }

        return certificate;
    }

    private static bool IsPkcs12(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12";
}
