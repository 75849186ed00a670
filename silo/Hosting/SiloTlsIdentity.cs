using System.Security.Cryptography.X509Certificates;
using Ledgerlink.Security;

namespace Ledgerlink.Silo.Hosting;

/// <summary>The certificate this silo presents and the pins it checks other silos against.</summary>
public sealed record SiloTlsIdentity(X509Certificate2 Certificate, CertificatePins Pins);
