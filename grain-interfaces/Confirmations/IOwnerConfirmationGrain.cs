namespace Ledgerlink.Confirmations;

/// <summary>
/// One emailed owner confirmation (key: a random confirmation id). It holds only the SHA-256 of its one-time code, runs
/// its action once when the right code arrives within 30 minutes, and says what happened to anyone polling it.
/// </summary>
[Alias("Ledgerlink.Confirmations.IOwnerConfirmationGrain")]
public interface IOwnerConfirmationGrain : IGrainWithStringKey
{
    /// <summary>Issues the code and emails the owner the link and code; called once, by the company.</summary>
    [Alias("Start")]
    Task<OwnerConfirmationInfo> Start(OwnerConfirmationRequest request);

    /// <summary>The confirmation's state (expiry applied), or null when nothing was started under this id.</summary>
    [Alias("Get")]
    Task<OwnerConfirmationInfo?> Get();

    /// <summary>Runs the action if <paramref name="code"/> is this confirmation's code, unused and unexpired; otherwise changes nothing.</summary>
    [Alias("Confirm")]
    Task<ConfirmAttempt> Confirm(string code);
}
