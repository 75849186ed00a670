namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// The audit-trail rows Sage marked modified at or after <see cref="Since"/>, collected by the watermark probe in the
/// same scan that finds each table's newest modify date: the headers of modified AUDIT_HEADER, AUDIT_SPLIT and
/// AUDIT_JOURNAL rows, and both split numbers of modified AUDIT_USAGE rows. The change search starts from them instead
/// of scanning RECORD_MODIFY_DATE of those tables a second time.
/// </summary>
public sealed record ModifiedAuditRows(DateTime Since, IReadOnlySet<int> Headers, IReadOnlySet<int> UsageSplits);
