using Ledgerlink.EdgeAgent.Updates;
using Ledgerlink.Releases;

namespace Ledgerlink.Tests.Updates;

/// <summary>
/// versions/state.json's transitions, as the worker and the supervisor make them: pending, installed (current moves,
/// the old one becomes previous, the last two kept), rolled back (current untouched, failure waiting to be reported),
/// refused, reported once, a reinstalled supervisor winning over an older version folder; and the file round-trips.
/// </summary>
public sealed class VersionStateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 17, 0, 0, TimeSpan.Zero);
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"ledgerlink-versions-{Guid.NewGuid():N}");

    [Fact]
    public void A_pending_version_that_comes_online_becomes_current_and_the_one_before_is_kept_as_previous()
    {
        var first = VersionState.Empty.WithPending("1.5.0").PendingInstalled(Now);
        Assert.Equal(("1.5.0", (string?)null, (string?)null), (first.Current, first.Previous, first.Pending));
        Assert.Equal(new UpdateAttempt("1.5.0", UpdateOutcome.Installed, null, Now), first.LastAttempt);

        var second = first.WithPending("1.6.0").PendingInstalled(Now.AddDays(1));
        Assert.Equal(("1.6.0", "1.5.0", (string?)null), (second.Current, second.Previous, second.Pending));
        Assert.Equal(Now.AddDays(1), second.CurrentSince);
        Assert.Equal(["1.5.0", "1.6.0"], second.Kept().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_rolled_back_version_leaves_the_current_one_and_records_why_until_reported()
    {
        var running = VersionState.Empty.WithPending("1.5.0").PendingInstalled(Now).AttemptReported();

        var rolledBack = running.WithPending("1.6.0").PendingRolledBack("did not come online within 00:02:00.", Now.AddHours(1));

        Assert.Equal(("1.5.0", (string?)null), (rolledBack.Current, rolledBack.Pending));
        Assert.Equal(new UpdateAttempt("1.6.0", UpdateOutcome.RolledBack, "did not come online within 00:02:00.", Now.AddHours(1)), rolledBack.LastAttempt);
        Assert.True(rolledBack.AttemptReported().LastAttempt!.Reported);
        Assert.Equal(["1.5.0"], rolledBack.Kept());
    }

    [Fact]
    public void Installing_or_rolling_back_without_a_pending_version_changes_nothing()
    {
        var running = VersionState.Empty.WithPending("1.5.0").PendingInstalled(Now);

        Assert.Same(running, running.PendingInstalled(Now.AddDays(1)));
        Assert.Same(running, running.PendingRolledBack("why", Now.AddDays(1)));
    }

    [Fact]
    public void A_reinstalled_supervisor_at_least_as_new_as_the_current_folder_runs_itself_again()
    {
        var running = VersionState.Empty.WithPending("1.5.0").PendingInstalled(Now);

        Assert.Same(running, running.ForInstalled("1.4.0"));
        var reinstalled = running.ForInstalled("1.5.0");
        Assert.Null(reinstalled.Current);
        Assert.Equal("1.5.0", reinstalled.Previous);
        Assert.Null(VersionState.Empty.ForInstalled("2.0.0").Current);
    }

    [Fact]
    public void The_state_file_round_trips_and_a_damaged_one_reads_as_empty()
    {
        var folders = new VersionFolders(_dataFolder);
        Assert.Equal(VersionState.Empty, folders.Load());

        var state = folders.Change(s => s.WithPending("1.5.0").PendingInstalled(Now).Refused("1.6.0", "signature: wrong key", Now));

        Assert.Equal(state, folders.Load());
        Assert.Contains("\"outcome\": \"Refused\"", File.ReadAllText(folders.StatePath), StringComparison.Ordinal);
        File.WriteAllText(folders.StatePath, "{ not json");
        Assert.Equal(VersionState.Empty, folders.Load());
    }

    [Fact]
    public void Only_the_kept_versions_stay_on_disk()
    {
        var folders = new VersionFolders(_dataFolder);
        foreach (var version in new[] { "1.4.0", "1.5.0", "1.6.0", "1.7.0.partial" })
        {
            Directory.CreateDirectory(folders.FolderOf(version));
        }

        File.WriteAllText(folders.DownloadPathOf("1.7.0", "linux-x64.tar.gz"), "half");
        var state = VersionState.Empty.WithPending("1.5.0").PendingInstalled(Now).WithPending("1.6.0").PendingInstalled(Now);

        folders.DeleteUnkept(state);

        Assert.Equal(["1.5.0", "1.6.0"], Directory.EnumerateDirectories(folders.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(folders.Root, "*.download-*"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
