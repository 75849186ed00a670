using System.Threading.Channels;
using Ledgerlink.Agents;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.LocalFiles;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Supervision;
using Ledgerlink.Releases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>
/// The worker's half of a silent update. The cluster names a target version in every hello/heartbeat answer; when it is
/// not the running one, in the background: fetch the signed manifest through the gateway, verify it with the release
/// key pinned at install, download this platform's file in chunks, check its SHA-256 and size, unpack it beside the
/// running version (<c>versions/X.partial</c>, then <c>versions/X</c>), wait for running syncs (then cancel them with
/// "updating to X"), record X as pending and exit with <see cref="WorkerExit.Update"/>: the supervisor does the rest.
/// Anything refused leaves the agent as it was, says why on the About page and is reported to support.
/// </summary>
public sealed partial class AgentUpdater(
    AgentOptions options,
    AgentStatus status,
    SyncActivity activity,
    RestartCoordinator restarts,
    UpdateStatus updates,
    TimeProvider time,
    ILogger<AgentUpdater> logger) : BackgroundService
{
    private static readonly TimeSpan SyncPoll = TimeSpan.FromSeconds(1);
    private readonly Channel<string?> _offers = Channel.CreateBounded<string?>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly VersionFolders _folders = new(options.ResolvedDataFolder);
    private readonly string? _publicKey = options.Releases.ResolvePublicKey();

    /// <summary>The agent's hello succeeded: a new version's worker tells its supervisor, then the offer is considered.</summary>
    public void Connected(string? targetVersion)
    {
        OnlineMarker.WriteIfAsked(AgentVersion.Current);
        Offered(targetVersion);
    }

    /// <summary>A hello or heartbeat answer named this target (null: stay). Only the newest offer waits.</summary>
    public void Offered(string? targetVersion) => _offers.Writer.TryWrite(targetVersion);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Said from the start, online or not: the About page must not promise updates this agent will never install.
        if (OffBecause() is { } off)
        {
            updates.Set(new(UpdatePhase.Off, Reason: off));
        }

        try
        {
            await foreach (var target in _offers.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await ReportLastAttemptAsync(stoppingToken);
                    if (await ConsiderAsync(target, stoppingToken))
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The cluster or the network failed us, not the release: the next heartbeat's offer tries again.
                    LogRetrying(logger, target, e.GetType().Name, e.Message);
                    updates.Set(new(UpdatePhase.Retrying, target, Reason: e.Message));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <returns>True when the worker is leaving for the new version.</returns>
    private async Task<bool> ConsiderAsync(string? target, CancellationToken cancellationToken)
    {
        if (OffBecause() is { } off)
        {
            updates.Set(new(UpdatePhase.Off, target, Reason: off));
            return false;
        }

        var state = _folders.Load();
        if (UpdateDecision.ToInstall(target, AgentVersion.Current, state) is not { } version)
        {
            updates.Set(UpdateDecision.FailedBefore(target, state) is { } failed
                ? new(failed.Outcome == UpdateOutcome.RolledBack ? UpdatePhase.RolledBack : UpdatePhase.Refused, failed.Version, Reason: failed.Reason)
                : new(UpdatePhase.UpToDate));
            return false;
        }

        return await InstallAsync(version, _publicKey!, cancellationToken);
    }

    private string? OffBecause() =>
        _publicKey is null ? "no release key is configured (Ledgerlink:Agent:Releases:PublicKey)"
        : Environment.GetEnvironmentVariable(WorkerExit.SupervisedVariable) != "1" ? "the agent was not started by its supervisor (ledgerlink-agent run)"
        : null;

    private async Task<bool> InstallAsync(string version, string publicKey, CancellationToken cancellationToken)
    {
        if (status.Current is not { Gateway: { } gateway, Credential: { } credential })
        {
            return false;
        }

        LogStarting(logger, version, AgentVersion.Current);
        updates.Set(new(UpdatePhase.Downloading, version));
        var signed = await gateway.GetRelease(credential, version).WaitAsync(cancellationToken);
        var (manifest, refusal) = ReleaseCheck.Manifest(signed.Manifest, signed.Signature, publicKey);
        if (manifest is null)
        {
            return await RefuseAsync(version, refusal!.Reason, cancellationToken);
        }

        if (!UpdateDecision.SameVersion(manifest.Version, version))
        {
            return await RefuseAsync(version, $"the signed manifest is for version {manifest.Version}, not {version}.", cancellationToken);
        }

        if (ReleaseCheck.UpdateFrom(manifest, AgentVersion.Current) is { } tooOld)
        {
            return await RefuseAsync(version, tooOld.Reason, cancellationToken);
        }

        if (ReleasePlatform.Pick(manifest.Files, ReleasePlatform.Current) is not { } file)
        {
            return await RefuseAsync(version, $"the release has no archive for this platform ({ReleasePlatform.Current ?? "unknown"}).", cancellationToken);
        }

        PrivateFile.EnsureFolder(_folders.Root);
        var download = _folders.DownloadPathOf(version, file.Name);
        try
        {
            await DownloadAsync(gateway, credential, version, file, download, cancellationToken);
            await using (var content = File.OpenRead(download))
            {
                if (await ReleaseCheck.FileAsync(file, content, cancellationToken) is { } mismatch)
                {
                    return await RefuseAsync(version, mismatch.Reason, cancellationToken);
                }
            }

            updates.Set(new(UpdatePhase.Installing, version));
            var partial = _folders.PartialFolderOf(version);
            var folder = _folders.FolderOf(version);
            VersionFolders.TryDelete(partial);
            VersionFolders.TryDelete(folder);
            if (await ReleaseArchive.ExtractAsync(download, file.Name, partial, cancellationToken) is { } unsafeArchive)
            {
                VersionFolders.TryDelete(partial);
                return await RefuseAsync(version, unsafeArchive, cancellationToken);
            }

            if (WorkerLaunch.FindIn(partial) is null)
            {
                VersionFolders.TryDelete(partial);
                return await RefuseAsync(version, $"{file.Name} holds no ledgerlink-agent to run.", cancellationToken);
            }

            Directory.Move(partial, folder);
        }
        finally
        {
            VersionFolders.TryDelete(download);
        }

        if (!await WaitForSyncsAsync(gateway, credential, version, cancellationToken))
        {
            VersionFolders.TryDelete(_folders.FolderOf(version));
            return false;
        }

        _folders.Change(s => s.WithPending(version));
        updates.Set(new(UpdatePhase.Installing, version));
        LogHandingOver(logger, version);
        restarts.ExitForUpdate(version);
        return true;
    }

    private async Task DownloadAsync(
        IAgentGatewayGrain gateway, AgentCredential credential, string version, ReleaseFile file, string path, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        long offset = 0;
        while (offset < file.Size)
        {
            var count = (int)Math.Min(IAgentGatewayGrain.MaxReleaseChunkBytes, file.Size - offset);
            var chunk = await gateway.ReadReleaseFile(credential, version, file.Name, offset, count, cancellationToken).WaitAsync(cancellationToken);
            if (chunk.Length == 0)
            {
                // Shorter than the manifest says: the size check refuses it.
                break;
            }

            await output.WriteAsync(chunk, cancellationToken);
            offset += chunk.Length;
            updates.Set(new(UpdatePhase.Downloading, version, Percent: (int)(offset * 100 / Math.Max(1, file.Size))));
        }

        // What an update costs the office's line: the rollout benchmark reads this (a failed try downloads again).
        LogDownloaded(logger, offset, file.Name, version);
    }

    /// <summary>Waits for running syncs up to the limit, then has the cluster cancel them; false when the cluster no longer offers the version.</summary>
    private async Task<bool> WaitForSyncsAsync(IAgentGatewayGrain gateway, AgentCredential credential, string version, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Releases.SyncWaitLimit;
        while (activity.RunningCount > 0 && time.GetUtcNow() < deadline)
        {
            updates.Set(new(UpdatePhase.WaitingForSyncs, version, Syncs: activity.RunningCount));
            await Task.Delay(SyncPoll, time, cancellationToken);
        }

        if (activity.RunningCount == 0)
        {
            // Syncs not started yet stay in the cluster's outbox and run on the new version.
            return true;
        }

        try
        {
            var cancelled = await gateway.ReportUpdating(credential, version).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
            LogCancelledSyncs(logger, version, cancelled);
            return true;
        }
        catch (AgentAccessDeniedException e)
        {
            // The offer changed while this waited (withdrawn, held): stay, and consider the new offer.
            LogNoLongerOffered(logger, version, e.Message);
            updates.Set(new(UpdatePhase.UpToDate));
            return false;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The cluster cannot be told now; its heartbeat timeout sees the agent gone and the syncs resume or fail there.
            LogCancelNotReported(logger, version, e.GetType().Name, e.Message);
            return true;
        }
    }

    private async Task<bool> RefuseAsync(string version, string reason, CancellationToken cancellationToken)
    {
        LogRefused(logger, version, reason);
        _folders.Change(s => s.Refused(version, reason, time.GetUtcNow()));
        updates.Set(new(UpdatePhase.Refused, version, Reason: reason));
        await ReportLastAttemptAsync(cancellationToken);
        return false;
    }

    /// <summary>Tells the cluster about the last attempt (installed, rolled back, refused) once.</summary>
    private async Task ReportLastAttemptAsync(CancellationToken cancellationToken)
    {
        if (_folders.Load().LastAttempt is not { Reported: false } attempt || status.Current is not { Gateway: { } gateway, Credential: { } credential })
        {
            return;
        }

        try
        {
            await gateway.ReportUpdate(credential, attempt.ToReport()).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Kept unreported: the next heartbeat tries again.
            LogReportFailed(logger, attempt.Version, e.GetType().Name, e.Message);
            return;
        }

        _folders.Change(s => s.LastAttempt == attempt ? s.AttemptReported() : s);
        LogReported(logger, attempt.Version, attempt.Outcome);
    }

    [LoggerMessage(90, LogLevel.Information, "Update: installing version {Version} (running {Running})")]
    private static partial void LogStarting(ILogger logger, string version, string running);

    [LoggerMessage(91, LogLevel.Warning, "Update: version {Version} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string version, string reason);

    [LoggerMessage(92, LogLevel.Information, "Update: version {Version} unpacked; leaving for the supervisor to start it")]
    private static partial void LogHandingOver(ILogger logger, string version);

    [LoggerMessage(93, LogLevel.Warning, "Update: waited long enough for syncs; the cluster cancelled {Cancelled} for the update to {Version}")]
    private static partial void LogCancelledSyncs(ILogger logger, string version, int cancelled);

    [LoggerMessage(94, LogLevel.Information, "Update: version {Version} is no longer offered ({Reason}); staying")]
    private static partial void LogNoLongerOffered(ILogger logger, string version, string reason);

    [LoggerMessage(95, LogLevel.Warning, "Update: could not tell the cluster the syncs stop for version {Version} ({ErrorType}: {Error}); updating anyway")]
    private static partial void LogCancelNotReported(ILogger logger, string version, string errorType, string error);

    [LoggerMessage(96, LogLevel.Warning, "Update to {Version} failed ({ErrorType}: {Error}); trying again at the next heartbeat")]
    private static partial void LogRetrying(ILogger logger, string? version, string errorType, string error);

    [LoggerMessage(98, LogLevel.Warning, "Update: could not report version {Version}'s attempt to the cluster ({ErrorType}: {Error}); trying again at the next heartbeat")]
    private static partial void LogReportFailed(ILogger logger, string version, string errorType, string error);

    [LoggerMessage(99, LogLevel.Information, "Update: downloaded {Bytes} bytes of {File} for version {Version}")]
    private static partial void LogDownloaded(ILogger logger, long bytes, string file, string version);

    [LoggerMessage(97, LogLevel.Information, "Update: reported version {Version} {Outcome} to the cluster")]
    private static partial void LogReported(ILogger logger, string version, UpdateOutcome outcome);
}
