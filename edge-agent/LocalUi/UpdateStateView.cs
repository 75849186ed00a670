using System.Globalization;
using System.Text;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Updates;
using static Ledgerlink.EdgeAgent.LocalUi.Html;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// The About page's update rows on their own (when this version was installed, and what the updater is doing), so the
/// page's look can change around them without touching what they say.
/// </summary>
public static class UpdateStateView
{
    public static void AppendRows(StringBuilder body, AgentStatus.Snapshot now, UpdateStatus.Snapshot update, VersionState versions)
    {
        var since = versions.CurrentSince is { } at
            ? at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "Never (the installed version runs)";
        body.Append("<tr><th>Last updated</th><td id=\"last-updated\">").Append(E(since)).Append("</td></tr>")
            .Append("<tr><th>Updates</th><td id=\"update-state\">").Append(E(Text(now, update))).Append("</td></tr>");
    }

    public static string Text(AgentStatus.Snapshot now, UpdateStatus.Snapshot update) => update.Phase switch
    {
        UpdatePhase.Off => now.TargetVersion is { } offered
            ? $"Version {offered} is available; updates are off: {update.Reason}"
            : $"Updates are off: {update.Reason}",
        UpdatePhase.Downloading => $"Downloading version {update.Version} ({update.Percent}%)",
        UpdatePhase.WaitingForSyncs => $"Version {update.Version} is ready; waiting for {update.Syncs} running sync{(update.Syncs == 1 ? string.Empty : "s")} to finish",
        UpdatePhase.Installing => $"Installing version {update.Version}",
        UpdatePhase.RolledBack => $"Version {update.Version} was rolled back: {update.Reason}",
        UpdatePhase.Refused => $"Version {update.Version} was refused: {update.Reason}",
        UpdatePhase.Retrying => $"Updating to version {update.Version} failed for now ({update.Reason}); trying again",
        _ => now.State == AgentStatus.ConnectionState.Online ? "Up to date" : "Unknown while offline",
    };
}
