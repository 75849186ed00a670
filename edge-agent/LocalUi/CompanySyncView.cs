using System.Globalization;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Sync;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// One linked company's sync as the Companies page shows it, in words a small business reads: its status, its last
/// successful sync, each running data type's progress (records sent of the count) and the last failure with its
/// reason. The page renders it, and <c>GET /api/companies</c> serves it so the open page follows a running sync.
/// </summary>
public sealed record CompanySyncView(string CompanyId, string SyncStatus, string LastSync, IReadOnlyList<PullProgressView> Running, string? LastFailure)
{
    public static CompanySyncView Of(string companyId, AgentStatus.Snapshot now, SyncActivity activity)
    {
        var last = activity.LastSuccess(companyId);
        var running = activity.RunningPulls(companyId).Select(PullProgressView.Of).ToList();
        var failure = activity.LastFailure(companyId) is { } f
            ? $"The {f.DataType ?? "last"} sync failed on {Local(f.At)}: {f.Reason}"
            : null;
        return new CompanySyncView(companyId, StatusText(companyId, now.IsPaused(companyId), activity), last is null ? "never" : Local(last.Value), running, failure);
    }

    private static string StatusText(string companyId, bool paused, SyncActivity activity)
    {
        var running = activity.Running(companyId);
        var text = running.Count > 0 ? $"Syncing {string.Join(", ", running)}"
            : activity.Last(companyId) is { } last ? last.Outcome switch
            {
                PullOutcome.Completed or PullOutcome.NotNeeded => "Up to date",
                PullOutcome.Cancelled => "Last sync cancelled",
                PullOutcome.Interrupted => "Interrupted; it resumes when the connection is back",
                _ => $"Last sync failed ({last.DataType})",
            }
            : "Waiting for a sync";
        return paused ? $"Paused · {text}" : text;
    }

    private static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
