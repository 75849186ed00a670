using Ledgerlink.Confirmations;

namespace Ledgerlink.Companies;

/// <summary>
/// The answer to asking for a reset or restore: the owner was emailed (<paramref name="Confirmation"/>), or why not
/// (<paramref name="Refusal"/> with <paramref name="Reason"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.DataChangeRequested")]
public sealed record DataChangeRequested(
    [property: Id(0)] OwnerConfirmationInfo? Confirmation,
    [property: Id(1)] DataChangeRefusal? Refusal,
    [property: Id(2)] string? Reason);
