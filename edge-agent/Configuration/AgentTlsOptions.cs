using Ledgerlink.Security;

namespace Ledgerlink.EdgeAgent.Configuration;

/// <summary>
/// How the agent checks the silo it connects to (section <c>Ledgerlink:Agent:Tls</c>). A self-signed deployment pins its
/// CA certificate file or thumbprints here, so the operating system's trust store is never touched; pinning two CAs (or
/// thumbprints) at once lets the silos move to a new certificate without stranding any agent.
/// </summary>
public sealed class AgentTlsOptions
{
    /// <summary>On by default; false connects in plaintext and logs a warning at every start.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A PEM file with the CA certificate(s) the silo's certificate must chain to (or one DER certificate).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>SHA-256 or SHA-1 thumbprints (hex) of the silo's certificate or of a CA certificate the silo sends.</summary>
    public List<string> CaThumbprints { get; set; } = [];

    /// <summary>Loads the pins; throws <see cref="AgentConfigurationException"/> naming the setting when they cannot be used.</summary>
    public CertificatePins LoadPins()
    {
        for (var i = 0; i < CaThumbprints.Count; i++)
        {
            if (!CertificatePins.IsWellFormedThumbprint(CaThumbprints[i]))
            {
                throw new AgentConfigurationException(
                    $"Ledgerlink:Agent:Tls:CaThumbprints:{i} is not a SHA-256 (64 hex digits) or SHA-1 (40 hex digits) thumbprint.");
            }
        }

        try
        {
            return CertificatePins.Load(CaCertificatePath, CaThumbprints);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigurationException(
                $"Ledgerlink:Agent:Tls:CaCertificatePath '{CaCertificatePath}' cannot be read as PEM or DER certificates: {e.Message.Trim()}");
        }
    }
}
