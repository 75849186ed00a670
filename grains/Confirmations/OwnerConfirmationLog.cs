using Ledgerlink.Confirmations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Confirmations;

/// <summary>Structured log events of owner confirmations: never the code, the link or the full address.</summary>
internal static partial class OwnerConfirmationLog
{
    [LoggerMessage(1, LogLevel.Information, "Owner confirmation {ConfirmationId} for {Action} of company {CompanyId} emailed to {To}")]
    public static partial void Emailed(ILogger logger, string confirmationId, string companyId, OwnerAction action, string to);

    [LoggerMessage(2, LogLevel.Warning, "Owner confirmation {ConfirmationId} of company {CompanyId} refused: {Refusal}")]
    public static partial void Refused(ILogger logger, string confirmationId, string companyId, ConfirmRefusal refusal);

    [LoggerMessage(3, LogLevel.Information, "Owner confirmation {ConfirmationId} for {Action} of company {CompanyId} confirmed: {Status}")]
    public static partial void Confirmed(ILogger logger, string confirmationId, string companyId, OwnerAction action, OwnerConfirmationStatus status);
}
