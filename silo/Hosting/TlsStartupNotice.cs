using Ledgerlink.Security;

namespace Ledgerlink.Silo.Hosting;

/// <summary>Says at every start whether Orleans connections are encrypted, and with which certificate; warns when they are not.</summary>
public sealed partial class TlsStartupNotice(LedgerlinkSiloOptions options, IServiceProvider services, ILogger<TlsStartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<SiloTlsIdentity>() is { } identity)
        {
            LogTlsOn(logger, identity.Certificate.Subject, CertificatePins.Sha256(identity.Certificate), identity.Certificate.NotAfter, identity.Pins.Description);
        }
        else
        {
            LogTlsOff(logger, options.Clustering.GatewayPort, options.Clustering.SiloPort);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "TLS on for Orleans connections: certificate {Subject} (SHA-256 {Thumbprint}, expires {NotAfter:u}); peer silos checked against {Pins}")]
    private static partial void LogTlsOn(ILogger logger, string subject, string thumbprint, DateTime notAfter, string pins);

    [LoggerMessage(LogLevel.Warning, "TLS is OFF (Ledgerlink:Tls:Enabled is false): the gateway (port {GatewayPort}) and silo port ({SiloPort}) carry agent credentials and company data in plaintext")]
    private static partial void LogTlsOff(ILogger logger, int gatewayPort, int siloPort);
}
