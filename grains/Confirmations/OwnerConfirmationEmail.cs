using System.Globalization;
using Ledgerlink.Confirmations;

namespace Ledgerlink.Grains.Confirmations;

/// <summary>The text of a confirmation email: what will happen, the link, the code, when it expires, and what to do if it was not you.</summary>
public static class OwnerConfirmationEmail
{
    public static (string Subject, string Body) Compose(OwnerConfirmationRequest request, Uri link, string code, DateTimeOffset expires)
    {
        var (subject, what) = request.Action switch
        {
            OwnerAction.ResetData => ($"Confirm the reset of {request.CompanyName}'s data",
                $"Someone asked to reset the data Ledgerlink holds for {request.CompanyName}: it will read as empty until the next sync."),
            OwnerAction.RestoreData => ($"Confirm the restore of {request.CompanyName}'s data",
                $"Someone asked to restore the data Ledgerlink held for {request.CompanyName} before its last reset."),
            _ => ($"Confirm you are the owner of {request.CompanyName}",
                $"This address was given as the owner of {request.CompanyName} in Ledgerlink. Confirm it reaches you."),
        };
        var body = string.Join('\n',
            what,
            string.Empty,
            $"To confirm, open this link and press Confirm: {link}",
            $"Your confirmation code: {code}",
            string.Empty,
            $"The link and code work once, until {expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.",
            "If you did not ask for this, ignore this email: nothing changes unless you confirm.");
        return (subject, body);
    }
}
