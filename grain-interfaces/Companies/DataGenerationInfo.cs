namespace Ledgerlink.Companies;

/// <summary>
/// Where a company's synced data stands: the generation readers see, the one a restore would return to (null: none),
/// when it was last reset and restored, and how many retired generations still wait for deletion.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.DataGenerationInfo")]
public sealed record DataGenerationInfo(
    [property: Id(0)] long Current,
    [property: Id(1)] long? Restorable,
    [property: Id(2)] DateTimeOffset? LastReset,
    [property: Id(3)] DateTimeOffset? LastRestore,
    [property: Id(4)] int RetiredAwaitingDeletion);
