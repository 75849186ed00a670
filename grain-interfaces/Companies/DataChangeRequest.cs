namespace Ledgerlink.Companies;

/// <summary>
/// A reset or restore of a company's synced data. <paramref name="ConfirmationEmail"/> must be the company owner's
/// email address; <paramref name="Actor"/> says who asked (an API key id, the agent's local UI) for the audit log.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.DataChangeRequest")]
public sealed record DataChangeRequest(
    [property: Id(0)] string ConfirmationEmail,
    [property: Id(1)] string Actor);
