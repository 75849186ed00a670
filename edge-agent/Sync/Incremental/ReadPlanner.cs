using System.Diagnostics;
using System.Globalization;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// Decides how a pull reads its data type: takes the watermark (shared by the round's pulls while the company's files
/// are unchanged), plans full or delta against the cluster's committed version, and for the audit trail's data types
/// on a delta, reads only the transactions that changed. Audit-trail data types keep the names and settings their
/// records were written with beside their digests, so the next delta can tell which names changed.
/// </summary>
public sealed class ReadPlanner(RecordDigestStore digests, RecentSageProbes probes, ILogger logger)
{
    public async Task<PlannedRead> PlanAsync(
        PullResumePoint resume, ISage50Reader reader, ISage50DataSource source, string companyFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resume);
        ArgumentNullException.ThrowIfNull(reader);
        // The watermark is taken before the first row is read, so a change made while reading is found next time. Against
        // a committed version it also collects the audit-trail rows modified since that version, for the change search.
        var since = resume.FullSyncReason is null ? resume.Base?.Watermark.MaxModified : null;
        var probe = await probes.GetOrTakeAsync(
            companyFolder,
            since is null ? "watermark" : string.Create(CultureInfo.InvariantCulture, $"watermark|{since.Value.Ticks}"),
            async () =>
            {
                var clock = Stopwatch.StartNew();
                var taken = await SageWatermarkProbe.TakeAsync(source, DateTimeOffset.UtcNow, since, cancellationToken);
                IncrementalLog.WatermarkProbed(
                    logger, clock.ElapsedMilliseconds, taken.Modified?.Headers.Count ?? 0, taken.Modified?.UsageSplits.Count ?? 0, since?.ToString("s", CultureInfo.InvariantCulture) ?? "(none)");
                return taken;
            },
            cancellationToken);
        var plan = SyncPlanner.Plan(resume, probe.Watermark, baseId => digests.Load(resume.CompanyId, resume.DataType, baseId));
        if (plan.Unchanged)
        {
            var unchanged = new DeltaFilter(plan.BaseDigests, 0);
            unchanged.KeepBase();
            return new PlannedRead(plan, AsyncEnumerable.Empty<Sage50Record>(), 0, null, unchanged);
        }

        var context = reader is IHeaderScopedReader ? await SageReadContext.TakeAsync(source, cancellationToken) : null;
        var scope = context is null ? null : await ScopeAsync(plan, context, probe.Modified, companyFolder, source, cancellationToken);
        var total = scope?.Count ?? await reader.CountAsync(source, cancellationToken);
        var filter = new DeltaFilter(plan.BaseDigests, (int)Math.Min(total, int.MaxValue));
        foreach (var (key, value) in context ?? [])
        {
            filter.Seen.Context[key] = value;
        }

        // Bank transactions keep their postings beside the digests, so the next delta reads only the changed ones.
        var ledger = new BankLedgerHandoff(plan.BaseDigests?.BankLedger, (kept, builtOnPrevious) =>
        {
            filter.Seen.BankLedger = kept;
            if (builtOnPrevious)
            {
                IncrementalLog.BankLedgerBuiltOn(logger, kept.Count, kept.Postings.Count);
            }
            else
            {
                IncrementalLog.BankLedgerRead(logger, kept.Count, kept.Postings.Count);
            }
        });
        var read = (reader, scope) switch
        {
            (IBankLedgerReader bank, null) => bank.ReadAsync(source, ledger, cancellationToken),
            (IBankLedgerReader bank, _) => bank.ReadAsync(source, scope, WindowOf(plan), ledger, cancellationToken),
            (IHeaderScopedReader scoped, { }) => scoped.ReadAsync(source, scope, WindowOf(plan), cancellationToken),
            _ => reader.ReadAsync(source, cancellationToken),
        };
        var records = scope is null ? filter.ApplyAsync(read, cancellationToken) : filter.ApplyScopedAsync(read, scope, cancellationToken);
        return new PlannedRead(plan, records, total, scope, filter);
    }

    /// <summary>The digests of a version the cluster committed, for the next delta to build on.</summary>
    public void KeepDigests(string companyId, string dataType, string datasetId, DeltaFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        digests.Save(companyId, dataType, datasetId, filter.Seen);
    }

    /// <summary>
    /// The transactions a delta reads, or null to read the whole data type: only for a delta on a base whose digests
    /// kept their context, with no setting changed and a modify date to start from.
    /// </summary>
    private async Task<HeaderScope?> ScopeAsync(
        SyncPlan plan, IReadOnlyDictionary<string, string> context, ModifiedAuditRows? modified, string companyFolder, ISage50DataSource source,
        CancellationToken cancellationToken)
    {
        if (!plan.IsDelta || plan.Base!.Watermark.MaxModified is null
            || SageReadContext.ChangedReferences(plan.BaseDigests!.Context, context) is not { } renamed)
        {
            return null;
        }

        var changes = WindowOf(plan);
        // The data types of one round usually share their base's window, so the audit trail is searched once for all.
        var key = string.Join('|', "scope", changes.Since.Ticks, changes.AfterTranNumber, renamed);
        var found = await probes.GetOrTakeAsync(
            companyFolder,
            key,
            async () =>
            {
                var clock = Stopwatch.StartNew();
                var scope = await ChangedTransactions.FindAsync(source, changes, renamed, modified, cancellationToken);
                if (scope is not null)
                {
                    IncrementalLog.ChangesSearched(logger, clock.ElapsedMilliseconds, scope.Count);
                }

                return new[] { scope };
            },
            cancellationToken);
        return found[0];
    }

    private static ChangeWindow WindowOf(SyncPlan plan) => new(plan.Base!.Watermark.MaxModified!.Value, plan.Base.Watermark.MaxTranNumber);
}
