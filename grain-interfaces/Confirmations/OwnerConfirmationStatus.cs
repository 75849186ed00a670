namespace Ledgerlink.Confirmations;

/// <summary>Where an owner confirmation is: waiting for the owner, confirmed and running, done, refused when it ran, or expired.</summary>
[GenerateSerializer]
public enum OwnerConfirmationStatus
{
    Pending,
    Confirmed,
    Done,

    /// <summary>Confirmed, but the company refused the action when it ran (e.g. nothing left to restore).</summary>
    Refused,
    Expired,
}
