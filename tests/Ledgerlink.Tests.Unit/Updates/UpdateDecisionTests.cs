using Ledgerlink.EdgeAgent.Updates;
using Ledgerlink.Releases;

namespace Ledgerlink.Tests.Updates;

/// <summary>
/// Which offer the agent takes: any version other than the running one (the cluster applies the rollout rules, so an
/// older one only comes when the running release was withdrawn), never one that just rolled back or was refused
/// until the offer changes, and nothing without an offer. And which archive is this platform's.
/// </summary>
public sealed class UpdateDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 17, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "1.4.0", null)]
    [InlineData("1.4.0", "1.4.0", null)]
    [InlineData("1.4", "1.4.0", null)]
    [InlineData("1.5.0", "1.4.0", "1.5.0")]
    [InlineData("1.3.0", "1.4.0", "1.3.0")]
    [InlineData("not-a-version", "1.4.0", null)]
    public void An_offer_other_than_the_running_version_is_installed(string? target, string running, string? expected) =>
        Assert.Equal(expected, UpdateDecision.ToInstall(target, running, VersionState.Empty));

    [Theory]
    [InlineData(UpdateOutcome.RolledBack)]
    [InlineData(UpdateOutcome.Refused)]
    public void A_version_that_failed_is_not_tried_again_until_the_offer_changes(UpdateOutcome outcome)
    {
        var state = VersionState.Empty with { LastAttempt = new UpdateAttempt("1.5.0", outcome, "why", Now) };

        Assert.Null(UpdateDecision.ToInstall("1.5.0", "1.4.0", state));
        Assert.Equal("why", UpdateDecision.FailedBefore("1.5.0", state)!.Reason);
        Assert.Equal("1.5.1", UpdateDecision.ToInstall("1.5.1", "1.4.0", state));
    }

    [Fact]
    public void An_installed_attempt_does_not_block_its_version()
    {
        var state = VersionState.Empty with { LastAttempt = new UpdateAttempt("1.5.0", UpdateOutcome.Installed, null, Now) };

        Assert.Equal("1.5.0", UpdateDecision.ToInstall("1.5.0", "1.4.0", state));
    }

    [Fact]
    public void The_platforms_archive_is_picked_by_name()
    {
        ReleaseFile[] files = [new("win-x64.zip", new string('a', 64), 1), new("linux-x64.tar.gz", new string('b', 64), 2), new("notes.txt", new string('c', 64), 3)];

        Assert.Equal("linux-x64.tar.gz", ReleasePlatform.Pick(files, "linux-x64")!.Name);
        Assert.Equal("win-x64.zip", ReleasePlatform.Pick(files, "win-x64")!.Name);
        Assert.Null(ReleasePlatform.Pick(files, "osx-arm64"));
        Assert.Null(ReleasePlatform.Pick(files, null));
        Assert.Null(ReleasePlatform.Pick([new("linux-x64.exe", new string('d', 64), 4)], "linux-x64"));
    }
}
