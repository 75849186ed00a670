namespace Ledgerlink.Companies;

/// <summary>What an integrator says about a company. <paramref name="OwnerEmail"/> identifies the person allowed to reset its data.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.CompanyProfile")]
public sealed record CompanyProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string? OwnerEmail,
    [property: Id(3)] IReadOnlyDictionary<string, string> Tags,
    [property: Id(4)] bool BankFeedsConnected);
