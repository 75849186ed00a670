namespace Ledgerlink.Support;

/// <summary>
/// The support audit log (one per cluster, key <see cref="SupportAuditLog.Key"/>): the most recent support and agent actions,
/// newest first. Support actions are rare (people, not machines), so one grain holds them comfortably.
/// </summary>
[Alias("Ledgerlink.Support.ISupportAuditGrain")]
public interface ISupportAuditGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(SupportAuditEntry entry);

    /// <summary>Entries newest first; only those about <paramref name="connectorId"/> when it is given.</summary>
    [Alias("GetEntries")]
    Task<IReadOnlyList<SupportAuditEntry>> GetEntries(string? connectorId);
}

public static class SupportAuditLog
{
    /// <summary>The key of the cluster's one audit log grain.</summary>
    public const string Key = "support";
}
