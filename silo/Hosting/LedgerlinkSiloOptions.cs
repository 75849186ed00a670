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

    public sealed class ClusteringOptions
    {
        /// <summary><c>Localhost</c> for one silo on this machine; <c>Redis</c> for many silos sharing a membership table.</summary>
        public ClusteringMode Mode { get; set; } = ClusteringMode.Localhost;

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
    }

    public sealed class StorageOptions
    {
        /// <summary>Azure Blob Storage connection string; the default is Azurite on 127.0.0.1:10000 with its well-known dev account.</summary>
        public string ConnectionString { get; set; } = AzuriteDevelopmentStorage.ConnectionString;

        public string GrainStateContainer { get; set; } = "grainstate";

        public string DatasetContainer { get; set; } = "datasets";
    }
}

public enum ClusteringMode
{
    Localhost,
    Redis,
}
