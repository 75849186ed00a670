namespace Ledgerlink.Grains.Datasets;

/// <summary>Where committed and staged datasets live: one block blob per dataset in one container.</summary>
public sealed class DatasetStoreOptions
{
    public const string DefaultContainerName = "datasets";

    /// <summary>Azure Storage connection string (Azurite's dev account locally). Required.</summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>Container holding the dataset blobs; created at silo start if missing.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;

    /// <summary>
    /// Silo lifecycle stage at which the container is created. Early, before the reminder service, whose table waits
    /// for storage without end: with storage down, this check is what fails the start within seconds, saying why.
    /// </summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.RuntimeInitialize;

    /// <summary>How long silo start may spend reaching storage and creating the container before it fails.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
