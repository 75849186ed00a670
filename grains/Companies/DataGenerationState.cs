using System.Text.Json.Serialization;
using Ledgerlink.Companies;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// A company's data generations. The current generation's dataset pointers are the ones in
/// <see cref="CompanyState.DataTypes"/>; a reset moves them, as they are, into <see cref="Restorable"/> and leaves the
/// company on a new, empty generation; a restore moves them back. Each is a handful of pointers, whatever the size of
/// the data, and every dataset belongs to exactly one generation, so deleting a generation never touches another's.
/// </summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Companies.DataGenerationState")]
public sealed class DataGenerationState
{
    /// <summary>The generation readers see; 0 until the first reset.</summary>
    [Id(0)] public long Current { get; set; }

    /// <summary>The highest generation number ever used, so a reset always opens a generation never seen before.</summary>
    [Id(1)] public long Highest { get; set; }

    /// <summary>The generation just before the last reset: what a restore returns to. Never deleted while here.</summary>
    [Id(2)] public GenerationSnapshot? Restorable { get; set; }

    /// <summary>Generations nothing can return to any more; their blobs are deleted once the retention period passes.</summary>
    [Id(3)] public List<GenerationSnapshot> Retired { get; set; } = [];

    [Id(4)] public DateTimeOffset? LastReset { get; set; }

    [Id(5)] public DateTimeOffset? LastRestore { get; set; }

    /// <summary>Resets, restores and deletions, newest first (bounded by <see cref="DataGenerationOptions.AuditLimit"/>).</summary>
    [Id(6)] public List<DataAuditEntry> Audit { get; set; } = [];

    public DataGenerationInfo ToInfo() => new(Current, Restorable?.Number, LastReset, LastRestore, Retired.Count);
}

/// <summary>One generation that is not the current one: its number and, per data type, what readers saw in it.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Companies.GenerationSnapshot")]
public sealed class GenerationSnapshot
{
    [Id(0)] public long Number { get; set; }

    /// <summary>When it stopped being restorable; null while it is the restore point.</summary>
    [Id(1)] public DateTimeOffset? RetiredAt { get; set; }

    [Id(2)] public Dictionary<string, GenerationData> DataTypes { get; set; } = [];

    [JsonIgnore]
    public int DatasetCount => DataTypes.Values.Count(d => d.Committed is not null);

    [JsonIgnore]
    public long RecordCount => DataTypes.Values.Sum(d => d.Committed?.RecordCount ?? 0);
}

/// <summary>The part of a data type's status that belongs to a generation: its dataset and its last successful sync.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Grains.Companies.GenerationData")]
public sealed record GenerationData(
    [property: Id(0)] CommittedDataset? Committed,
    [property: Id(1), JsonPropertyName("LatestSuccessfulSyncId")] string? LatestSuccessfulPullOperationId,
    [property: Id(2)] DateTimeOffset? LastSuccessfulSync);
