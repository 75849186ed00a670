namespace Ledgerlink.Companies;

/// <summary>
/// One change to a company's synced data as a whole, kept in the company's audit log: what, when, who, between which
/// generations, how much data it concerned and how many running syncs it cancelled.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.DataAuditEntry")]
public sealed record DataAuditEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] DataAuditAction Action,
    [property: Id(3)] string Actor,
    [property: Id(4)] long FromGeneration,
    [property: Id(5)] long ToGeneration,
    [property: Id(6)] int Datasets,
    [property: Id(7)] long Records,
    [property: Id(8)] int CancelledSyncs,
    [property: Id(9)] string Detail);

[GenerateSerializer]
public enum DataAuditAction
{
    /// <summary>The company moved to a new, empty generation; the previous one became restorable.</summary>
    Reset,

    /// <summary>The company moved back to the generation it had just before its last reset.</summary>
    Restore,

    /// <summary>A retired generation's dataset blobs were deleted once its retention period had passed.</summary>
    GenerationDeleted,
}
