using Ledgerlink.Grains.Companies;
using Ledgerlink.Grains.Datasets;

namespace Ledgerlink.Grains.Hosting;

/// <summary>Settings of the Ledgerlink grains, bound by <c>AddLedgerlinkGrains</c>.</summary>
public sealed class LedgerlinkGrainOptions
{
    public const int DefaultMaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>How often a connected agent sends a heartbeat; the agent is told this value in every session.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A connector is offline once this many heartbeat intervals pass without one.</summary>
    public int MissedHeartbeatsBeforeOffline { get; set; } = 3;

    /// <summary>Largest compressed batch payload a pull operation accepts.</summary>
    public int MaxBatchBytes { get; set; } = DefaultMaxBatchBytes;

    /// <summary>
    /// Largest decompressed size of one batch. Every batch is decompressed once to check it, and a few MiB of gzip
    /// can expand a thousandfold, so the check stops here instead of spending minutes on a hostile payload.
    /// </summary>
    public long MaxBatchUncompressedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How many finished pull operations a company keeps in its history (in-progress ones are always kept).</summary>
    public int HistoryLimit { get; set; } = 1000;

    /// <summary>
    /// The secret every silo of the deployment shares (pull-lease signatures, the internal-call stamp). Empty: derived
    /// from the storage connection string, which every silo has and no agent does.
    /// </summary>
    public string? ClusterKey { get; set; }

    /// <summary>How long a pull lease lets an agent send batches before it must start the pull again.</summary>
    public TimeSpan PullLeaseLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>New connectors one silo registers per minute at most, whoever asks (a backstop to the per-address limit at the gateway).</summary>
    public int RegistrationsPerMinute { get; set; } = 60;

    /// <summary>How old a connector's secret may get before the cluster asks the agent to rotate it.</summary>
    public TimeSpan SecretRotationAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a link code works after the integrator got it (new connection or renewal).</summary>
    public TimeSpan LinkCodeLifetime { get; set; } = TimeSpan.FromDays(7);

    public DatasetStoreOptions Datasets { get; set; } = new();

    /// <summary>When a committed version is trusted as the base of an incremental sync (<c>Ledgerlink:Grains:IncrementalSync</c>).</summary>
    public Datasets.Deltas.IncrementalSyncOptions IncrementalSync { get; set; } = new();

    /// <summary>Retention of data generations left behind by reset and restore (<c>Ledgerlink:Grains:DataGenerations</c>).</summary>
    public DataGenerationOptions DataGenerations { get; set; } = new();

    /// <summary>Owner confirmations by email (<c>Ledgerlink:Grains:OwnerConfirmations</c>).</summary>
    public Confirmations.OwnerConfirmationOptions OwnerConfirmations { get; set; } = new();

    /// <summary>How long after its last heartbeat a connector still counts as online.</summary>
    public TimeSpan PresenceTimeout => HeartbeatInterval * MissedHeartbeatsBeforeOffline;
}
