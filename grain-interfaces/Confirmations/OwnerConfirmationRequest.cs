namespace Ledgerlink.Confirmations;

/// <summary>What the company asks its confirmation grain to email: the action, to whom, and who asked (for the audit log).</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Confirmations.OwnerConfirmationRequest")]
public sealed record OwnerConfirmationRequest(
    [property: Id(0)] string CompanyId,
    [property: Id(1)] string CompanyName,
    [property: Id(2)] OwnerAction Action,
    [property: Id(3)] string OwnerEmail,
    [property: Id(4)] string Actor);
