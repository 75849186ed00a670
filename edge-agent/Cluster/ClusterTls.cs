using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.Security;
using Orleans.Connections.Security;

namespace Ledgerlink.EdgeAgent.Cluster;

/// <summary>
/// TLS on an Orleans client's connections to the gateways: the silo must present a certificate the pins trust
/// (<see cref="AgentTlsOptions"/>). The agent itself presents no certificate; its credential authenticates it.
/// </summary>
public static class ClusterTls
{
    /// <summary>Turns TLS on for <paramref name="client"/>; each refused silo certificate is reported to <paramref name="refused"/>.</summary>
    public static IClientBuilder UseLedgerlinkTls(this IClientBuilder client, CertificatePins pins, Action<string>? refused = null) =>
        client.UseTls(tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (certificate, chain, errors) =>
            {
                if (pins.IsTrusted(certificate, chain, errors, out var reason))
                {
                    return true;
                }

                refused?.Invoke(reason);
                return false;
            };
        });
}
