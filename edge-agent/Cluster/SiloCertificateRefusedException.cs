namespace Ledgerlink.EdgeAgent.Cluster;

/// <summary>The gateway answered but its TLS certificate is not one the agent's pins trust; the message says why.</summary>
public sealed class SiloCertificateRefusedException(string reason)
    : Exception($"the silo's TLS certificate was refused: {reason} (Ledgerlink:Agent:Tls:CaCertificatePath / CaThumbprints)");
