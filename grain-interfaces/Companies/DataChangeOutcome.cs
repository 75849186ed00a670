namespace Ledgerlink.Companies;

/// <summary>
/// The answer to a reset or restore: done (with the audit entry that records it), or why nothing changed
/// (<see cref="DataChangeRefusal"/>), which the HTTP API turns into Codat error responses.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.DataChangeOutcome")]
public sealed record DataChangeOutcome(
    [property: Id(0)] DataAuditEntry? Entry,
    [property: Id(1)] DataChangeRefusal? Refusal,
    [property: Id(2)] string? Reason,
    [property: Id(3)] DataGenerationInfo? Generations);

[GenerateSerializer]
public enum DataChangeRefusal
{
    CompanyNotFound,

    /// <summary>The company has no owner email, so nobody can confirm.</summary>
    NoOwner,

    /// <summary>The confirmation email is not the owner's.</summary>
    NotOwner,

    BankFeedsConnected,

    NothingToRestore,

    /// <summary>The owner's email address has not been verified yet (or was changed and the new one not yet verified).</summary>
    OwnerUnverified,

    /// <summary>The owner changed less than 24 hours ago: no reset until the new owner has held the company that long.</summary>
    OwnerRecentlyChanged,

    /// <summary>Too many confirmation emails asked for in the last hour.</summary>
    TooManyRequests,

    /// <summary>The confirmation email could not be sent.</summary>
    MailUnavailable,

    /// <summary>Asked to verify an owner address that is already verified.</summary>
    OwnerVerified,
}
