using Ledgerlink.Confirmations;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>
/// A reset or restore waiting for, or done after, the owner's confirmation by email. <c>status</c>: Pending, Confirmed,
/// Done, Refused (confirmed, but the company refused when it ran) or Expired. <c>auditEntryId</c> names the entry of the
/// company's data audit log that records what was done.
/// </summary>
public sealed record OwnerConfirmationResponse(
    string Id, string CompanyId, string Action, string Status, DateTimeOffset Requested, DateTimeOffset Expires,
    DateTimeOffset? Completed, string? Outcome, string? AuditEntryId)
{
    public static OwnerConfirmationResponse From(OwnerConfirmationInfo info) => new(
        info.Id,
        info.CompanyId,
        info.Action switch { OwnerAction.ResetData => "reset", OwnerAction.RestoreData => "restore", _ => "verifyOwner" },
        info.Status.ToString(),
        info.Requested,
        info.Expires,
        info.Completed,
        info.Outcome,
        info.AuditEntryId);
}
