using System.Globalization;
using Ledgerlink.PullOperations;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// Decides between a full sync and a delta. The base always comes from the cluster (the StartPull answer names its
/// committed version and that version's watermark); the agent's digests are used only for exactly that version. A
/// watermark is not trusted when Sage's highest TRAN_NUMBER or newest modify date went backwards (a backup restored),
/// when the data version changed, or when the digests' record count is not the cluster's.
/// </summary>
public static class SyncPlanner
{
    public static SyncPlan Plan(PullResumePoint resume, SyncWatermark now, Func<string, RecordDigests?> digestsOf)
    {
        ArgumentNullException.ThrowIfNull(resume);
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(digestsOf);
        if (resume.Base is not { } syncBase)
        {
            return Full(resume.FullSyncReason ?? "first sync of this data type");
        }

        if (resume.FullSyncReason is { } asked)
        {
            return Full(asked);
        }

        var then = syncBase.Watermark;
        if (now.MaxTranNumber < then.MaxTranNumber)
        {
            return Full(Invariant($"the highest TRAN_NUMBER went back from {then.MaxTranNumber} to {now.MaxTranNumber}: the Sage data was restored from an older backup"));
        }

        if (now.MaxModified < then.MaxModified || (now.MaxModified is null && then.MaxModified is not null))
        {
            return Full(Invariant($"the newest RECORD_MODIFY_DATE went back from {then.MaxModified:s} to {now.MaxModified:s}: the Sage data was restored from an older backup"));
        }

        if (!string.Equals(now.SageVersion, then.SageVersion, StringComparison.Ordinal))
        {
            return Full("the Sage 50 data version changed (its tables' columns differ)");
        }

        if (digestsOf(syncBase.DatasetId) is not { } digests)
        {
            return Full($"this PC holds no record digests for the committed dataset {syncBase.DatasetId}");
        }

        if (digests.Count != syncBase.LiveRecordCount)
        {
            return Full(Invariant($"record counts disagree: the cluster holds {syncBase.LiveRecordCount} live records, this PC's digests {digests.Count}"));
        }

        var unchanged = now.MaxTranNumber == then.MaxTranNumber && now.MaxModified == then.MaxModified
                        && string.Equals(now.TablesFingerprint, then.TablesFingerprint, StringComparison.Ordinal);
        return new SyncPlan(now, syncBase, digests, null, unchanged);

        SyncPlan Full(string reason) => new(now, resume.Base, null, reason, Unchanged: false);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
