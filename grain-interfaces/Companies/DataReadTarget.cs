using Ledgerlink.PullOperations;

namespace Ledgerlink.Companies;

/// <summary>
/// What a reader of one data type sees: the committed dataset of the company's current data generation, if any.
/// <paramref name="NeverSynced"/> tells "nothing was ever committed here" (Codat answers 409) from "this generation
/// is empty because the company's data was reset" (an empty page).
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.DataReadTarget")]
public sealed record DataReadTarget(
    [property: Id(0)] string DataType,
    [property: Id(1)] long Generation,
    [property: Id(2)] CommittedDataset? Dataset,
    [property: Id(3)] bool NeverSynced);
