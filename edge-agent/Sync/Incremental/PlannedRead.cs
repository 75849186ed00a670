using Ledgerlink.EdgeAgent.Sage50.Reading;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// What one pull reads and sends: the plan (full, delta or nothing), the records to send in order, how many records
/// the read is expected to go through (for progress), the scope when only some transactions are read, and the filter
/// that keeps the digests the next sync builds on.
/// </summary>
public sealed record PlannedRead(SyncPlan Plan, IAsyncEnumerable<Sage50Record> Records, long Total, HeaderScope? Scope, DeltaFilter Filter);
