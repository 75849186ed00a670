namespace Ledgerlink.Companies;

/// <summary>What the agent read from the Sage 50 company it links, shown back to the SMB user and kept for support.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.CompanyLinkRequest")]
public sealed record CompanyLinkRequest(
    [property: Id(0)] string ConnectorId,
    [property: Id(1)] string? SageCompanyName,
    [property: Id(2)] string? VatNumber);

/// <summary>The integrator's name for the company (the "product name" the agent shows) and the linked connection.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.CompanyLinkResult")]
public sealed record CompanyLinkResult(
    [property: Id(0)] bool Linked,
    [property: Id(1)] string? CompanyName,
    [property: Id(2)] string? ConnectionId,
    [property: Id(3)] string? Reason);
