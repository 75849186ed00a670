using Ledgerlink.Support;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Support;

/// <summary>
/// The support audit log. Each entry is written durably before the call returns and also goes to the structured
/// log, which keeps the history beyond the entries retained here.
/// </summary>
public sealed class SupportAuditGrain(
    [PersistentState("supportAudit")] IPersistentState<SupportAuditState> state,
    ILogger<SupportAuditGrain> logger) : Grain, ISupportAuditGrain
{
    /// <summary>Entries kept in grain state; older ones remain only in the log files.</summary>
    public const int Retained = 5_000;

    public static readonly TimeSpan RefusalWindow = TimeSpan.FromMinutes(1);

    public async Task Record(SupportAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entries = state.State.Entries;
        if (entries.Exists(e => e.Id == entry.Id) || RepeatsRecentRefusal(entries, entry))
        {
            return;
        }

        // Newest first; a retried record with an older timestamp still lands in time order.
        var index = entries.FindIndex(e => e.At <= entry.At);
        entries.Insert(index < 0 ? entries.Count : index, entry);
        if (entries.Count > Retained)
        {
            entries.RemoveRange(Retained, entries.Count - Retained);
        }

        await state.WriteStateAsync();
        SupportAuditGrainLog.Recorded(
            logger, entry.Actor.Kind, entry.Actor.Id, entry.Action, entry.TargetType, entry.TargetId, entry.Result, entry.Detail);
    }

    public Task<IReadOnlyList<SupportAuditEntry>> GetEntries(string? connectorId) =>
        Task.FromResult<IReadOnlyList<SupportAuditEntry>>(connectorId is null
            ? state.State.Entries.ToArray()
            : state.State.Entries.Where(e => e.ConnectorId == connectorId).ToArray());

    /// <summary>
    /// The same refusal (caller, action and reason; whatever the target) within <see cref="RefusalWindow"/> is kept once,
    /// so a client hammering an endpoint it may not call cannot push support's own history out of the retained entries.
    /// </summary>
    private static bool RepeatsRecentRefusal(List<SupportAuditEntry> entries, SupportAuditEntry entry) =>
        entry.Result == AuditResult.Refused
        && entries
            .TakeWhile(e => e.At >= entry.At - RefusalWindow)
            .Any(e => e.Result == AuditResult.Refused && e.Actor == entry.Actor && e.Action == entry.Action && e.Detail == entry.Detail);
}
