namespace Ledgerlink.Confirmations;

/// <summary>An owner confirmation as the integrator polls it and the confirm page shows it. Never holds the code.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Confirmations.OwnerConfirmationInfo")]
public sealed record OwnerConfirmationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string CompanyId,
    [property: Id(2)] string CompanyName,
    [property: Id(3)] OwnerAction Action,
    [property: Id(4)] OwnerConfirmationStatus Status,
    [property: Id(5)] DateTimeOffset Requested,
    [property: Id(6)] DateTimeOffset Expires,
    [property: Id(7)] DateTimeOffset? Completed,
    [property: Id(8)] string? Outcome,
    [property: Id(9)] string? AuditEntryId = null);
