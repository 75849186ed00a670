using Ledgerlink.Security;
using Orleans.Connections.Security;

namespace Ledgerlink.Silo.Hosting;

/// <summary>
/// TLS on every Orleans connection of this silo: the gateway agents connect to, the silo port other silos connect to,
/// and this silo's own connections to other silos, whose certificates it checks against the pinned CA or thumbprints.
/// </summary>
public static class TlsSetup
{
    public static ISiloBuilder AddLedgerlinkTls(this ISiloBuilder silo, LedgerlinkSiloOptions options)
    {
        silo.Services.AddHostedService<TlsStartupNotice>();
        var tls = options.Tls;
        if (!tls.Enabled)
        {
            return silo;
        }

        var certificate = SiloCertificate.Load(tls);
        var pins = CertificatePins.Load(tls.CaCertificatePath, tls.CaThumbprints);
        silo.Services.AddSingleton(new SiloTlsIdentity(certificate, pins));
        return silo.UseTls(certificate, connection =>
        {
            // Agents present no certificate; a peer silo presents this deployment's and is checked when it does.
            connection.RemoteCertificateMode = RemoteCertificateMode.AllowCertificate;
            connection.ClientCertificateMode = RemoteCertificateMode.AllowCertificate;
            connection.RemoteCertificateValidation = (peer, chain, errors) => pins.IsTrusted(peer, chain, errors, out _);
        });
    }
}
