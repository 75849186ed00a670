using Ledgerlink.Companies;
using Ledgerlink.Confirmations;
using Ledgerlink.Grains.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// The owner's part: verifying the owner's email address when it is set or changed, and asking the owner to confirm a
/// reset or restore by email (<see cref="IOwnerConfirmationGrain"/>) instead of doing it.
/// </summary>
public sealed partial class CompanyGrain
{
    public async Task<DataChangeRequested> RequestOwnerConfirmation(OwnerAction action, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (action is not (OwnerAction.ResetData or OwnerAction.RestoreData))
        {
            throw new ArgumentException($"Only a reset or restore is asked for this way, not {action}.", nameof(action));
        }

        if (!State.Exists)
        {
            return new DataChangeRequested(null, DataChangeRefusal.CompanyNotFound, $"Company {CompanyId} does not exist.");
        }

        var verb = action == OwnerAction.ResetData ? "reset" : "restore";
        var owner = State.Profile!.OwnerEmail?.Trim();
        var now = Time.GetUtcNow();
        var rules = Options.OwnerConfirmations;
        var refusal = (string.IsNullOrEmpty(owner), OwnerIsVerified()) switch
        {
            (true, _) => (DataChangeRefusal.NoOwner,
                $"The company has no owner email, so nobody can confirm a {verb}; set ownerEmail on the company first."),
            (false, false) => (DataChangeRefusal.OwnerUnverified,
                $"The owner's email address is not verified yet, so a {verb} cannot be confirmed: the owner must first confirm " +
                "the address from the email sent to it when it was set."),
            _ => ((DataChangeRefusal, string)?)null,
        };
        if (refusal is null && action == OwnerAction.ResetData && State.OwnerChanged is { } changed && now - changed < rules.ResetHoldAfterOwnerChange)
        {
            refusal = (DataChangeRefusal.OwnerRecentlyChanged,
                $"The company's owner changed less than {rules.ResetHoldAfterOwnerChange.TotalHours:0} hours ago; its data can be reset from " +
                $"{(changed + rules.ResetHoldAfterOwnerChange).UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        }

        refusal ??= action == OwnerAction.ResetData ? Generations.ResetRefusal : Generations.RestoreRefusal;

        State.ConfirmationRequests.RemoveAll(at => now - at >= TimeSpan.FromHours(1));
        if (refusal is null && State.ConfirmationRequests.Count >= rules.RequestsPerHour)
        {
            refusal = (DataChangeRefusal.TooManyRequests,
                $"The owner has been emailed {rules.RequestsPerHour} times in the last hour; try again later.");
        }

        if (refusal is { } refused)
        {
            CompanyLog.DataChangeRefused(Logger, CompanyId, refused.Item1, actor);
            return new DataChangeRequested(null, refused.Item1, refused.Item2);
        }

        // Counted before sending, so failures to send count against the limit as well.
        State.ConfirmationRequests.Add(now);
        await PersistentState.WriteStateAsync();
        try
        {
            var confirmation = await GrainFactory.GetGrain<IOwnerConfirmationGrain>(NewConfirmationId())
                .Start(new OwnerConfirmationRequest(CompanyId, State.Profile.Name, action, owner!, actor));
            return new DataChangeRequested(confirmation, null, null);
        }
        catch (MailUnavailableException)
        {
            return new DataChangeRequested(null, DataChangeRefusal.MailUnavailable,
                "The confirmation email could not be sent just now; nothing was changed. Try again in a few minutes.");
        }
    }

    public async Task<DataChangeRequested> RequestOwnerVerification(string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!State.Exists)
        {
            return new DataChangeRequested(null, DataChangeRefusal.CompanyNotFound, $"Company {CompanyId} does not exist.");
        }

        var owner = State.Profile!.OwnerEmail?.Trim();
        var now = Time.GetUtcNow();
        var limit = Options.OwnerConfirmations.RequestsPerHour;
        State.ConfirmationRequests.RemoveAll(at => now - at >= TimeSpan.FromHours(1));
        (DataChangeRefusal Refusal, string Reason)? refusal =
            string.IsNullOrEmpty(owner) ? (DataChangeRefusal.NoOwner, "The company has no owner email to verify; set ownerEmail on the company first.")
            : OwnerIsVerified() ? (DataChangeRefusal.OwnerVerified, "The owner's email address is already verified.")
            : State.ConfirmationRequests.Count >= limit ? (DataChangeRefusal.TooManyRequests, $"The owner has been emailed {limit} times in the last hour; try again later.")
            : null;
        if (refusal is { } refused)
        {
            CompanyLog.DataChangeRefused(Logger, CompanyId, refused.Refusal, actor);
            return new DataChangeRequested(null, refused.Refusal, refused.Reason);
        }

        State.ConfirmationRequests.Add(now);
        await PersistentState.WriteStateAsync();
        try
        {
            var confirmation = await GrainFactory.GetGrain<IOwnerConfirmationGrain>(NewConfirmationId())
                .Start(new OwnerConfirmationRequest(CompanyId, State.Profile.Name, OwnerAction.VerifyOwner, owner!, actor));
            return new DataChangeRequested(confirmation, null, null);
        }
        catch (MailUnavailableException)
        {
            return new DataChangeRequested(null, DataChangeRefusal.MailUnavailable,
                "The verification email could not be sent just now. Try again in a few minutes.");
        }
    }

    public async Task<bool> OwnerVerified(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (!State.Exists || !string.Equals(State.Profile!.OwnerEmail?.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        State.VerifiedOwnerEmail = email.Trim();
        await PersistentState.WriteStateAsync();
        return true;
    }

    private bool OwnerIsVerified() =>
        State.Profile?.OwnerEmail is { } owner && !string.IsNullOrWhiteSpace(owner)
        && string.Equals(owner.Trim(), State.VerifiedOwnerEmail, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// After the owner email was set or changed: the new address gets a verification email, and a change (not a first
    /// address) starts the reset hold. A mail server that is down does not stop the profile change; the owner stays
    /// unverified and resets are refused until an email gets through.
    /// </summary>
    private async Task VerifyOwnerIfChanged(string? previousOwner)
    {
        var owner = State.Profile?.OwnerEmail?.Trim();
        if (string.IsNullOrEmpty(owner) || string.Equals(owner, previousOwner?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(previousOwner))
        {
            State.OwnerChanged = Time.GetUtcNow();
            await PersistentState.WriteStateAsync();
            await NotifyPreviousOwner(previousOwner.Trim());
        }

        try
        {
            await GrainFactory.GetGrain<IOwnerConfirmationGrain>(NewConfirmationId())
                .Start(new OwnerConfirmationRequest(CompanyId, State.Profile!.Name, OwnerAction.VerifyOwner, owner, "owner email set"));
        }
        catch (MailUnavailableException)
        {
            CompanyLog.OwnerVerificationNotSent(Logger, CompanyId);
        }
    }

    /// <summary>The previous owner hears of the change at once, while the 24-hour hold still protects the data.</summary>
    private async Task NotifyPreviousOwner(string previousOwner)
    {
        var hold = Options.OwnerConfirmations.ResetHoldAfterOwnerChange;
        try
        {
            await ServiceProvider.GetRequiredService<IOwnerMailer>().SendAsync(
                previousOwner,
                $"The owner of {State.Profile!.Name} in Ledgerlink was changed",
                $"The owner email address of {State.Profile.Name} in Ledgerlink was changed from this address to another one.\n" +
                $"Its synced data cannot be reset for {hold.TotalHours:0} hours. If you did not expect this, contact the company " +
                "that manages your Ledgerlink connection now.",
                CancellationToken.None);
        }
        catch (MailUnavailableException)
        {
            CompanyLog.OwnerVerificationNotSent(Logger, CompanyId);
        }
    }

    /// <summary>128 random bits in a GUID shape: ids are not secrets (the code is), but are not guessable either.</summary>
    private static string NewConfirmationId() => Guid.NewGuid().ToString();
}
