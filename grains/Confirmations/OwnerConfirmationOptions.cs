namespace Ledgerlink.Grains.Confirmations;

/// <summary>The rules of owner confirmations (<c>Ledgerlink:Grains:OwnerConfirmations</c>).</summary>
public sealed class OwnerConfirmationOptions
{
    /// <summary>How long an emailed link and code work, as Sage's own reset confirmation.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after an owner change a reset is refused, so a hijacked owner address cannot wipe data at once.</summary>
    public TimeSpan ResetHoldAfterOwnerChange { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Confirmation emails one company may ask for per hour (API and agent UI together); more are refused.</summary>
    public int RequestsPerHour { get; set; } = 5;
}
