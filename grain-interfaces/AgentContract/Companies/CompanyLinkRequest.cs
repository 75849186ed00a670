namespace Ledgerlink.Companies;

/// <summary>
/// An agent's request to link a company: the one-time link code the SMB typed next to the licence key (the company id
/// alone links nothing), and what the agent read from the Sage 50 company, shown back to the SMB user and kept for support.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.CompanyLinkRequest")]
public sealed record CompanyLinkRequest(
    [property: Id(0)] string ConnectorId,
    [property: Id(1)] string? SageCompanyName,
    [property: Id(2)] string? VatNumber,
    [property: Id(3)] string? LinkCode)
{
    /// <summary>Never prints the link code.</summary>
    public override string ToString() =>
        $"CompanyLinkRequest {{ ConnectorId = {ConnectorId}, SageCompanyName = {SageCompanyName}, VatNumber = {VatNumber} }}";
}

/// <summary>The integrator's name for the company (the "product name" the agent shows) and the linked connection.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.CompanyLinkResult")]
public sealed record CompanyLinkResult(
    [property: Id(0)] bool Linked,
    [property: Id(1)] string? CompanyName,
    [property: Id(2)] string? ConnectionId,
    [property: Id(3)] string? Reason);
