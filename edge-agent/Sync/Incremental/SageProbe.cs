using Ledgerlink.PullOperations;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// What one probe of a Sage company found: its watermark, and, when it was taken against a committed version's
/// newest modify date, the audit-trail rows modified since then (null when they were not collected).
/// </summary>
public sealed record SageProbe(SyncWatermark Watermark, ModifiedAuditRows? Modified);
