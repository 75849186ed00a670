using Orleans.Storage;

namespace Ledgerlink.Grains.Storage;

/// <summary>Settings of one named <see cref="BlobGrainStorage"/> provider.</summary>
public sealed class BlobGrainStorageOptions
{
    public const string DefaultContainerName = "grainstate";

    /// <summary>Azure Storage connection string (Azurite's dev account locally). Required.</summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>Container holding one blob per grain state; created at silo start if missing.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;

    /// <summary>
    /// True deletes the blob on ClearStateAsync. False overwrites it with an empty tombstone blob instead,
    /// which keeps an ETag so a writer that missed the clear still gets a conflict.
    /// </summary>
    public bool DeleteStateOnClear { get; set; } = true;

    /// <summary>How grain state becomes blob content. Null uses Orleans' System.Text.Json serializer.</summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }

    /// <summary>Silo lifecycle stage at which the container is created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>
    /// How long silo start may spend reaching storage and creating the container before it fails.
    /// Kept short so a wrong endpoint is reported in seconds rather than after minutes of SDK retries.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
