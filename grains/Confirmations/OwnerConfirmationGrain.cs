using Ledgerlink.Companies;
using Ledgerlink.Confirmations;
using Ledgerlink.Grains.Companies;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Grains.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Confirmations;

/// <summary>
/// One owner confirmation, after Sage's "we have emailed the owner": a one-time code (140 random bits, reusing
/// <see cref="LinkCodes"/>) mailed with a link to the confirm page, stored only as its hash, good for 30 minutes and
/// one use, bound to one company and one action. The action runs here, once, when the right code arrives.
/// </summary>
/// <remarks>
/// Calls go one way: the company calls <see cref="Start"/> (this grain calls nothing back then), and
/// <see cref="Confirm"/> calls the company (which calls nothing here), so the two never wait on each other.
/// </remarks>
public sealed class OwnerConfirmationGrain(
    [PersistentState("ownerConfirmation")] IPersistentState<OwnerConfirmationState> state,
    IOwnerMailer mailer,
    ConfirmationLinks links,
    IOptions<LedgerlinkGrainOptions> options,
    TimeProvider time,
    ILogger<OwnerConfirmationGrain> logger) : Grain, IOwnerConfirmationGrain
{
    /// <summary>Wrong codes after which the confirmation stops accepting any code, the right one included.</summary>
    public const int MaxWrongCodes = 5;

    private string ConfirmationId => this.GetPrimaryKeyString();

    public async Task<OwnerConfirmationInfo> Start(OwnerConfirmationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OwnerEmail, nameof(request));
        if (state.State.Request is not null)
        {
            throw new InvalidOperationException($"Owner confirmation {ConfirmationId} was already started.");
        }

        var code = LinkCodes.Generate();
        var now = time.GetUtcNow();
        state.State.Request = request;
        state.State.CodeHash = LinkCodes.Hash(code);
        state.State.Requested = now;
        state.State.Expires = now + options.Value.OwnerConfirmations.Lifetime;
        state.State.Status = OwnerConfirmationStatus.Pending;

        // Mailed before it is stored: a confirmation whose email never left is never pending.
        var (subject, body) = OwnerConfirmationEmail.Compose(request, links.ConfirmPage(ConfirmationId, code), code, state.State.Expires);
        await mailer.SendAsync(request.OwnerEmail, subject, body, CancellationToken.None);
        await state.WriteStateAsync();
        OwnerConfirmationLog.Emailed(logger, ConfirmationId, request.CompanyId, request.Action, SmtpOwnerMailer.MaskedAddress(request.OwnerEmail));
        return Info();
    }

    public Task<OwnerConfirmationInfo?> Get() => Task.FromResult(state.State.Request is null ? null : Info());

    public async Task<ConfirmAttempt> Confirm(string code)
    {
        if (state.State.Request is not { } request)
        {
            return new ConfirmAttempt(ConfirmRefusal.NotFound, "This confirmation link is not valid.", null);
        }

        switch (CurrentStatus())
        {
            case OwnerConfirmationStatus.Expired:
                OwnerConfirmationLog.Refused(logger, ConfirmationId, request.CompanyId, ConfirmRefusal.Expired);
                return new ConfirmAttempt(ConfirmRefusal.Expired,
                    "This confirmation has expired (links work for 30 minutes, once). Nothing was changed; ask for a new one.", Info());
            case not OwnerConfirmationStatus.Pending:
                OwnerConfirmationLog.Refused(logger, ConfirmationId, request.CompanyId, ConfirmRefusal.AlreadyUsed);
                return new ConfirmAttempt(ConfirmRefusal.AlreadyUsed, "This confirmation has already been used. Nothing else was changed.", Info());
        }

        var presented = LinkCodes.Hash(code);
        if (presented is null || !LinkCodes.Matches(state.State.CodeHash, presented))
        {
            state.State.WrongCodes++;
            await state.WriteStateAsync();
            OwnerConfirmationLog.Refused(logger, ConfirmationId, request.CompanyId, ConfirmRefusal.WrongCode);
            return new ConfirmAttempt(ConfirmRefusal.WrongCode, "That code is not the one in the email. Nothing was changed.", Info());
        }

        // Used up before the action runs: a second Confirm, however quick, finds it used.
        state.State.Status = OwnerConfirmationStatus.Confirmed;
        await state.WriteStateAsync();

        var (done, outcome) = await Run(request);
        state.State.Status = done ? OwnerConfirmationStatus.Done : OwnerConfirmationStatus.Refused;
        state.State.Completed = time.GetUtcNow();
        state.State.Outcome = outcome;
        await state.WriteStateAsync();
        OwnerConfirmationLog.Confirmed(logger, ConfirmationId, request.CompanyId, request.Action, state.State.Status);
        return new ConfirmAttempt(null, outcome, Info());
    }

    private async Task<(bool Done, string Outcome)> Run(OwnerConfirmationRequest request)
    {
        var company = GrainFactory.GetGrain<ICompanyGrain>(request.CompanyId);
        var actor = $"owner by email (confirmation {ConfirmationId}, asked by {request.Actor})";
        switch (request.Action)
        {
            case OwnerAction.VerifyOwner:
                return await company.OwnerVerified(request.OwnerEmail)
                    ? (true, $"{request.OwnerEmail} is verified as the owner of {request.CompanyName}.")
                    : (false, "The company's owner address has changed since this email was sent; nothing was verified.");
            case OwnerAction.ResetData:
            case OwnerAction.RestoreData:
                var change = new DataChangeRequest(request.OwnerEmail, actor);
                var outcome = request.Action == OwnerAction.ResetData ? await company.ResetData(change) : await company.RestoreData(change);
                state.State.AuditEntryId = outcome.Entry?.Id;
                return outcome.Refusal is null
                    ? (true, request.Action == OwnerAction.ResetData
                        ? $"The synced data of {request.CompanyName} was reset."
                        : $"The synced data of {request.CompanyName} was restored.")
                    : (false, $"Nothing was changed: {outcome.Reason}");
            default:
                throw new InvalidOperationException($"Unknown owner action {request.Action}.");
        }
    }

    private OwnerConfirmationStatus CurrentStatus() =>
        state.State.Status == OwnerConfirmationStatus.Pending
        && (time.GetUtcNow() >= state.State.Expires || state.State.WrongCodes >= MaxWrongCodes)
            ? OwnerConfirmationStatus.Expired
            : state.State.Status;

    private OwnerConfirmationInfo Info()
    {
        var request = state.State.Request!;
        return new OwnerConfirmationInfo(ConfirmationId, request.CompanyId, request.CompanyName, request.Action, CurrentStatus(),
            state.State.Requested, state.State.Expires, state.State.Completed, state.State.Outcome, state.State.AuditEntryId);
    }
}
