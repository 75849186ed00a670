namespace Ledgerlink.Confirmations;

/// <summary>The answer to the owner pressing Confirm: done (or refused by the company when it ran), or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Confirmations.ConfirmAttempt")]
public sealed record ConfirmAttempt(
    [property: Id(0)] ConfirmRefusal? Refusal,
    [property: Id(1)] string Message,
    [property: Id(2)] OwnerConfirmationInfo? Confirmation);

[GenerateSerializer]
public enum ConfirmRefusal
{
    NotFound,
    WrongCode,
    AlreadyUsed,
    Expired,
}
