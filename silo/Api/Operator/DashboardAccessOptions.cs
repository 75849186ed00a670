namespace Ledgerlink.Silo.Api.Operator;

/// <summary>The <c>Ledgerlink:Dashboard</c> settings: what the Orleans dashboard shows beyond counters.</summary>
public sealed class DashboardAccessOptions
{
    public const string SectionName = "Ledgerlink:Dashboard";

    /// <summary>
    /// Lets the dashboard show any grain's state (<c>Ledgerlink:Dashboard:GrainStateBrowsing</c>). Off by default: grain
    /// state holds webhook signing secrets, owner email addresses and connector secret hashes.
    /// </summary>
    public bool GrainStateBrowsing { get; set; }
}
