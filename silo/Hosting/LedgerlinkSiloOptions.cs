using System.ComponentModel.DataAnnotations;

namespace Ledgerlink.Silo.Hosting;

/// <summary>
/// The silo's settings, bound from the <c>Ledgerlink</c> section of appsettings.json and from environment variables
/// such as <c>Ledgerlink__Storage__ConnectionString</c>. Every key is documented in the README.
/// </summary>
public sealed class LedgerlinkSiloOptions
{
    public const string SectionName = "Ledgerlink";

    [Required]
    public string ClusterId { get; set; } = "ledgerlink-local";

    [Required]
    public string ServiceId { get; set; } = "ledgerlink";

    public ClusteringOptions Clustering { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public TlsOptions Tls { get; set; } = new();

    public RemindersOptions Reminders { get; set; } = new();

    public sealed class ClusteringOptions
    {
        /// <summary>
        /// <c>Localhost</c> for one silo on this machine; for many silos sharing a membership table, <c>AzureTable</c>
        /// (in the storage account) or <c>Redis</c>.
        /// </summary>
        public ClusteringMode Mode { get; set; } = ClusteringMode.Localhost;

        /// <summary>Azure Table connection string for the membership table (AzureTable mode); defaults to the storage one.</summary>
        public string? TableConnectionString { get; set; }

        /// <summary>The membership table's name (AzureTable mode).</summary>
        public string TableName { get; set; } = "OrleansSiloInstances";

        /// <summary>Running as a Kubernetes pod: advertise the pod's IP and watch the cluster's pods (Microsoft.Orleans.Hosting.Kubernetes).</summary>
        public bool Kubernetes { get; set; }

        /// <summary>StackExchange.Redis configuration string, used when <see cref="Mode"/> is Redis.</summary>
        public string? RedisConnectionString { get; set; }

        public int SiloPort { get; set; } = 11111;

        public int GatewayPort { get; set; } = 30000;

        /// <summary>
        /// The port the gateway listens on when it differs from the <see cref="GatewayPort"/> agents are told to dial
        /// (port mapping, NAT, a proxy in front of the silo). Defaults to <see cref="GatewayPort"/>.
        /// </summary>
        public int? GatewayListeningPort { get; set; }

        /// <summary>New gateway connections one source address may open per minute (registration needs no credential).</summary>
        public int GatewayConnectionsPerMinute { get; set; } = 120;

        /// <summary>The address other silos and agents reach this silo at (Redis mode). Defaults to loopback.</summary>
        public string? AdvertisedAddress { get; set; }

        /// <summary>
        /// Many silos: how long a silo waits for another's probe answer. With <see cref="MissedProbesLimit"/> it bounds how
        /// long a lost silo's grains stay unreachable (calls to them wait until it is declared dead). Orleans' 5 s made
        /// that 11-14 s; 2 s makes it a few seconds while a busy but living silo still answers in time.
        /// </summary>
        public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Many silos: probes in a row a silo may miss before the others vote it dead.</summary>
        public int MissedProbesLimit { get; set; } = 3;
    }

    public sealed class StorageOptions
    {
        /// <summary>Azure Blob Storage connection string; the default is Azurite on 127.0.0.1:10000 with its well-known dev account.</summary>
        public string ConnectionString { get; set; } = AzuriteDevelopmentStorage.ConnectionString;

        public string GrainStateContainer { get; set; } = "grainstate";

        public string DatasetContainer { get; set; } = "datasets";

        /// <summary>Azure table of the tenants' company index: one entity per company.</summary>
        public string CompanyIndexTable { get; set; } = Ledgerlink.Grains.Tenants.CompanyIndex.DefaultTableName;
    }

    /// <summary>
    /// Orleans reminders, kept in the storage account's table service: they bring webhook retries and retention deletions
    /// back after a silo is lost.
    /// </summary>
    public sealed class RemindersOptions
    {
        public string TableName { get; set; } = Ledgerlink.Grains.Reminders.ReminderSetup.DefaultTableName;

        /// <summary>How often a pending reminder fires again; Orleans' one minute unless a test wants seconds.</summary>
        public TimeSpan MinimumPeriod { get; set; } = Ledgerlink.Grains.Reminders.ReminderSetup.DefaultMinimumPeriod;
    }

    /// <summary>TLS on every Orleans connection: the gateway agents dial, and silo to silo.</summary>
    public sealed class TlsOptions
    {
        /// <summary>On by default; false runs Orleans in plaintext and logs a warning at every start.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>The silo's certificate: a PFX/PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or a PEM certificate.</summary>
        public string? CertificatePath { get; set; }

        /// <summary>The PEM private key, when it is not in <see cref="CertificatePath"/>; ignored for a PFX.</summary>
        public string? KeyPath { get; set; }

        /// <summary>Password of the PFX or of an encrypted PEM key (never logged).</summary>
        public string? CertificatePassword { get; set; }

        /// <summary>CA certificate(s) (PEM, several allowed during a rollover) other silos' certificates must chain to.</summary>
        public string? CaCertificatePath { get; set; }

        /// <summary>Certificate thumbprints (SHA-256 or SHA-1 hex) other silos may present instead of a CA-issued one.</summary>
        public List<string> CaThumbprints { get; set; } = [];
    }
}

public enum ClusteringMode
{
    Localhost,
    Redis,
    AzureTable,
}
