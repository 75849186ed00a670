using Ledgerlink.Companies;
using Ledgerlink.Confirmations;
using Ledgerlink.Grains.Confirmations;
using Ledgerlink.Grains.Mail;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// The owner's part of a company: verifying the owner's email address when it is set or changed, and asking the owner
/// to confirm a reset or restore by email (<see cref="IOwnerConfirmationGrain"/>) instead of doing it.
/// </summary>
/// <remarks>Built by the company grain for each call, over its state; it writes that state itself.</remarks>
public sealed class OwnerConfirmations(
    string companyId,
    IPersistentState<CompanyState> state,
    IGrainFactory grains,
    IOwnerMailer mailer,
    OwnerConfirmationOptions rules,
    TimeProvider time,
    ILogger logger)
{
    private CompanyState Company => state.State;

    private string? Owner => Company.Profile?.OwnerEmail?.Trim();

    /// <summary>Whether the owner confirmed, from an email to it, that the profile's owner address reaches them.</summary>
    public bool OwnerIsVerified =>
        !string.IsNullOrEmpty(Owner) && string.Equals(Owner, Company.VerifiedOwnerEmail, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the owner's side of <paramref name="request"/> is refused (<paramref name="action"/>: "reset" or "restore"), or null.</summary>
    public (DataChangeRefusal Refusal, string Reason)? ChangeRefusal(DataChangeRequest request, string action)
    {
        if (string.IsNullOrEmpty(Owner))
        {
            return (DataChangeRefusal.NoOwner,
                $"The company has no owner email, so nobody can confirm a {action}; set ownerEmail on the company first.");
        }

        if (!string.Equals(Owner, request.ConfirmationEmail?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return (DataChangeRefusal.NotOwner,
                $"Only the company's owner may {action} its data: the confirmation email does not match the owner's email address.");
        }

        return OwnerIsVerified
            ? null
            : (DataChangeRefusal.OwnerUnverified,
                $"The owner's email address {Owner} is not verified yet: the owner must confirm it from the email sent to it.");
    }

    /// <summary>
    /// Emails the owner a confirmation of <paramref name="action"/>; <paramref name="dataRefusal"/> is the data's own
    /// reason to refuse it (bank feeds, nothing to restore), checked after the owner's.
    /// </summary>
    public async Task<DataChangeRequested> RequestConfirmation(
        OwnerAction action, string actor, (DataChangeRefusal Refusal, string Reason)? dataRefusal)
    {
        var verb = action == OwnerAction.ResetData ? "reset" : "restore";
        var now = time.GetUtcNow();
        var refusal = (string.IsNullOrEmpty(Owner), OwnerIsVerified) switch
        {
            (true, _) => (DataChangeRefusal.NoOwner,
                $"The company has no owner email, so nobody can confirm a {verb}; set ownerEmail on the company first."),
            (false, false) => (DataChangeRefusal.OwnerUnverified,
                $"The owner's email address is not verified yet, so a {verb} cannot be confirmed: the owner must first confirm " +
                "the address from the email sent to it when it was set."),
            _ => ((DataChangeRefusal, string)?)null,
        };
        if (refusal is null && action == OwnerAction.ResetData && Company.OwnerChanged is { } changed && now - changed < rules.ResetHoldAfterOwnerChange)
        {
            refusal = (DataChangeRefusal.OwnerRecentlyChanged,
                $"The company's owner changed less than {rules.ResetHoldAfterOwnerChange.TotalHours:0} hours ago; its data can be reset from " +
                $"{(changed + rules.ResetHoldAfterOwnerChange).UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        }

        refusal ??= dataRefusal;
        Company.ConfirmationRequests.RemoveAll(at => now - at >= TimeSpan.FromHours(1));
        if (refusal is null && Company.ConfirmationRequests.Count >= rules.RequestsPerHour)
        {
            refusal = (DataChangeRefusal.TooManyRequests, $"The owner has been emailed {rules.RequestsPerHour} times in the last hour; try again later.");
        }

        return refusal is { } refused
            ? Refused(refused.Item1, refused.Item2, actor)
            : await Send(action, actor, "The confirmation email could not be sent just now; nothing was changed. Try again in a few minutes.");
    }

    /// <summary>Emails the owner's address its verification again.</summary>
    public async Task<DataChangeRequested> RequestVerification(string actor)
    {
        var now = time.GetUtcNow();
        var limit = rules.RequestsPerHour;
        Company.ConfirmationRequests.RemoveAll(at => now - at >= TimeSpan.FromHours(1));
        (DataChangeRefusal Refusal, string Reason)? refusal =
            string.IsNullOrEmpty(Owner) ? (DataChangeRefusal.NoOwner, "The company has no owner email to verify; set ownerEmail on the company first.")
            : OwnerIsVerified ? (DataChangeRefusal.OwnerVerified, "The owner's email address is already verified.")
            : Company.ConfirmationRequests.Count >= limit ? (DataChangeRefusal.TooManyRequests, $"The owner has been emailed {limit} times in the last hour; try again later.")
            : null;
        return refusal is { } refused
            ? Refused(refused.Refusal, refused.Reason, actor)
            : await Send(OwnerAction.VerifyOwner, actor, "The verification email could not be sent just now. Try again in a few minutes.");
    }

    /// <summary>From an owner confirmation: <paramref name="email"/> reaches the owner; false if the owner changed since.</summary>
    public async Task<bool> Verified(string email)
    {
        if (!string.Equals(Owner, email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Company.VerifiedOwnerEmail = email.Trim();
        await state.WriteStateAsync();
        return true;
    }

    /// <summary>
    /// After the owner email was set or changed: the new address gets a verification email, and a change (not a first
    /// address) starts the reset hold. A mail server that is down does not stop the profile change; the owner stays
    /// unverified and resets are refused until an email gets through.
    /// </summary>
    public async Task VerifyIfChanged(string? previousOwner)
    {
        if (string.IsNullOrEmpty(Owner) || string.Equals(Owner, previousOwner?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(previousOwner))
        {
            Company.OwnerChanged = time.GetUtcNow();
            await state.WriteStateAsync();
            await NotifyPreviousOwner(previousOwner.Trim());
        }

        try
        {
            await Start(OwnerAction.VerifyOwner, "owner email set");
        }
        catch (MailUnavailableException)
        {
            CompanyLog.OwnerVerificationNotSent(logger, companyId);
        }
    }

    private DataChangeRequested Refused(DataChangeRefusal refusal, string reason, string actor)
    {
        CompanyLog.DataChangeRefused(logger, companyId, refusal, actor);
        return new DataChangeRequested(null, refusal, reason);
    }

    private async Task<DataChangeRequested> Send(OwnerAction action, string actor, string unavailable)
    {
        // Counted before sending, so failures to send count against the limit as well.
        Company.ConfirmationRequests.Add(time.GetUtcNow());
        await state.WriteStateAsync();
        try
        {
            return new DataChangeRequested(await Start(action, actor), null, null);
        }
        catch (MailUnavailableException)
        {
            return new DataChangeRequested(null, DataChangeRefusal.MailUnavailable, unavailable);
        }
    }

    /// <summary>A confirmation with a fresh id: 128 random bits in a GUID shape, not a secret (the code is) but not guessable.</summary>
    private Task<OwnerConfirmationInfo> Start(OwnerAction action, string actor) =>
        grains.GetGrain<IOwnerConfirmationGrain>(Guid.NewGuid().ToString())
            .Start(new OwnerConfirmationRequest(companyId, Company.Profile!.Name, action, Owner!, actor));

    /// <summary>The previous owner hears of the change at once, while the 24-hour hold still protects the data.</summary>
    private async Task NotifyPreviousOwner(string previousOwner)
    {
        var hold = rules.ResetHoldAfterOwnerChange;
        try
        {
            await mailer.SendAsync(
                previousOwner,
                $"The owner of {Company.Profile!.Name} in Ledgerlink was changed",
                $"The owner email address of {Company.Profile.Name} in Ledgerlink was changed from this address to another one.\n" +
                $"Its synced data cannot be reset for {hold.TotalHours:0} hours. If you did not expect this, contact the company " +
                "that manages your Ledgerlink connection now.",
                CancellationToken.None);
        }
        catch (MailUnavailableException)
        {
            CompanyLog.OwnerVerificationNotSent(logger, companyId);
        }
    }
}
