using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ledgerlink.Testing.Processes;

/// <summary>
/// A local test CA and a silo certificate it issued, created on first use under <c>.data/tls-test/</c> in the repository
/// (never committed) and reused afterwards, as <c>./run.sh</c> does with <c>.data/tls/</c>. Also a second CA that issued
/// nothing the silo presents, for an agent pinned to the wrong deployment. Every real-process silo and agent the tests
/// start uses these, so TLS is on in tests as it is by default everywhere.
/// </summary>
public static class TestCertificates
{
    /// <summary>Password of <see cref="SiloPfxPath"/> (a test value; the file is created locally and never committed).</summary>
    public const string SiloPfxPassword = "ledgerlink-test-pfx";

    private static readonly Lazy<string> Folder = new(Create);

    /// <summary>PEM certificate of the test CA agents and silos pin.</summary>
    public static string CaCertificatePath => Path.Combine(Folder.Value, "ca.crt");

    /// <summary>The silo's certificate and key (PKCS#12, <see cref="SiloPfxPassword"/>), issued by the test CA for 127.0.0.1 and localhost.</summary>
    public static string SiloPfxPath => Path.Combine(Folder.Value, "silo.pfx");

    /// <summary>The same silo certificate as PEM (<c>silo.crt</c>), as deploy/tls/issue-certificates.sh writes it.</summary>
    public static string SiloPemCertificatePath => Path.Combine(Folder.Value, "silo.crt");

    /// <summary>The silo's private key as unencrypted PKCS#8 PEM (<c>silo.key</c>).</summary>
    public static string SiloPemKeyPath => Path.Combine(Folder.Value, "silo.key");

    /// <summary>PEM certificate of a CA that issued nothing the silo presents.</summary>
    public static string OtherCaCertificatePath => Path.Combine(Folder.Value, "other-ca.crt");

    /// <summary>SHA-256 thumbprint of the silo's certificate.</summary>
    public static string SiloThumbprint =>
        X509CertificateLoader.LoadPkcs12FromFile(SiloPfxPath, SiloPfxPassword).GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>The silo settings that turn TLS on with the test certificate and pin the test CA for peer silos.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> SiloSettings() =>
    [
        new("Ledgerlink:Tls:Enabled", "true"),
        new("Ledgerlink:Tls:CertificatePath", SiloPfxPath),
        new("Ledgerlink:Tls:CertificatePassword", SiloPfxPassword),
        new("Ledgerlink:Tls:CaCertificatePath", CaCertificatePath),
    ];

    /// <summary>The agent settings that pin the test CA.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> AgentSettings() =>
    [
        new("Ledgerlink:Agent:Tls:Enabled", "true"),
        new("Ledgerlink:Agent:Tls:CaCertificatePath", CaCertificatePath),
    ];

    private static string Create()
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, ".data", "tls-test");
        if (File.Exists(Path.Combine(folder, "silo.key")) && StillValid(Path.Combine(folder, "silo.pfx")))
        {
            return folder;
        }

        // Written aside and moved into place, so test processes starting together never see half a set of files.
        var staging = folder + $".{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        var now = DateTimeOffset.UtcNow;
        using var ca = CreateCa("CN=Ledgerlink Test CA", now);
        using var other = CreateCa("CN=Somebody Else's CA", now);
        using var silo = IssueSilo(ca, now);
        File.WriteAllText(Path.Combine(staging, "ca.crt"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(staging, "other-ca.crt"), other.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(staging, "silo.pfx"), silo.Export(X509ContentType.Pkcs12, SiloPfxPassword));
        File.WriteAllText(Path.Combine(staging, "silo.crt"), silo.ExportCertificatePem());
        File.WriteAllText(Path.Combine(staging, "silo.key"), silo.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(staging, folder);
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, "silo.key")))
        {
            // Another test process created them first: use theirs.
            Directory.Delete(staging, recursive: true);
        }

        return folder;
    }

    private static bool StillValid(string pfx)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, SiloPfxPassword);
            return certificate.NotAfter > DateTime.Now.AddDays(1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static X509Certificate2 CreateCa(string subject, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));
    }

    private static X509Certificate2 IssueSilo(X509Certificate2 ca, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ledgerlink-silo", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));

        // Server authentication for the gateway and silo port; client authentication for this silo's calls to other silos.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca, now.AddMinutes(-5), now.AddYears(1), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
