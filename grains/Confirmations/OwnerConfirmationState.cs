using Ledgerlink.Confirmations;

namespace Ledgerlink.Grains.Confirmations;

/// <summary>One emailed confirmation: what it is for, the SHA-256 of its code (never the code), and what became of it.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Confirmations.OwnerConfirmationState")]
public sealed class OwnerConfirmationState
{
    [Id(0)] public OwnerConfirmationRequest? Request { get; set; }

    [Id(1)] public string? CodeHash { get; set; }

    [Id(2)] public DateTimeOffset Requested { get; set; }

    [Id(3)] public DateTimeOffset Expires { get; set; }

    [Id(4)] public OwnerConfirmationStatus Status { get; set; }

    [Id(5)] public DateTimeOffset? Completed { get; set; }

    [Id(6)] public string? Outcome { get; set; }

    /// <summary>Wrong codes tried; past <see cref="OwnerConfirmationGrain.MaxWrongCodes"/> the confirmation is dead.</summary>
    [Id(7)] public int WrongCodes { get; set; }

    /// <summary>The company's data audit entry of the reset or restore this confirmation did.</summary>
    [Id(8)] public string? AuditEntryId { get; set; }
}
