namespace Ledgerlink.EdgeAgent.Configuration;

/// <summary>The agent's settings (section <c>Ledgerlink:Agent</c>: appsettings.json, then <c>Ledgerlink__Agent__*</c> environment variables).</summary>
public sealed class AgentOptions
{
    public const string Section = "Ledgerlink:Agent";

    public const string DefaultGateway = "127.0.0.1:30000";

    /// <summary>The silos' gateway endpoints as <c>host:port</c>; <see cref="DefaultGateway"/> when none is configured.</summary>
    public List<string> Gateways { get; set; } = [];

    public string ClusterId { get; set; } = "ledgerlink-local";

    public string ServiceId { get; set; } = "ledgerlink";

    /// <summary>Where the agent keeps its identity, linked companies and logs; defaults under the user's local app data.</summary>
    public string? DataFolder { get; set; }

    /// <summary>
    /// Uncompressed NDJSON bytes per batch. Batches are cut on this bound alone, so the same data always gives the same
    /// batches; gzip makes them several times smaller than the cluster's 4 MiB limit on a compressed batch.
    /// </summary>
    public int BatchBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Batches read or compressed ahead of the one being sent (the pipeline's bound on memory).</summary>
    public int PipelineDepth { get; set; } = 3;

    /// <summary>Pulls run at the same time (each reads its own data type).</summary>
    public int MaxConcurrentPulls { get; set; } = 2;

    /// <summary>The longest wait between two attempts to reach the cluster.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one call to the cluster may take before it counts as failed. A call to a silo that died without
    /// closing its connections (killed, host lost) hangs this long before the agent turns to another gateway, so it is
    /// short: no agent call does more than one batch's work (Orleans' default of 30 s made a lost silo cost 30 s).
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Heartbeats in a row that may fail before the connection is dropped and built again.</summary>
    public int FailedHeartbeatsBeforeReconnect { get; set; } = 2;

    /// <summary>How Sage 50 is read: the demo's SQLite file directly, or through ODBC.</summary>
    public AgentSage50Options Sage50 { get; set; } = new();

    /// <summary>TLS to the silos' gateways and how the silo's certificate is checked.</summary>
    public AgentTlsOptions Tls { get; set; } = new();

    /// <summary>Silent updates: the pinned release public key and how patient an update is.</summary>
    public AgentReleaseOptions Releases { get; set; } = new();

    public string ResolvedDataFolder => Path.GetFullPath(string.IsNullOrWhiteSpace(DataFolder)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "Ledgerlink", "Agent")
        : DataFolder);

    public IReadOnlyList<string> ResolvedGateways => Gateways.Count > 0 ? Gateways : [DefaultGateway];
}
