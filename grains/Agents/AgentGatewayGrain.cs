using Ledgerlink.Agents;
using Ledgerlink.Branding;
using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Grains.PullOperations;
using Ledgerlink.Grains.Releases;
using Ledgerlink.Grains.Security;
using Ledgerlink.Grains.Support;
using Ledgerlink.PullOperations;
using Ledgerlink.Releases;
using Ledgerlink.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Ledgerlink.Grains.Agents;

/// <summary>
/// The agents' only door into the cluster (key: connector id). It holds no state: every call proves the connector's
/// secret to the connector grain before anything is forwarded, and <see cref="StartPull"/> also proves the pull operation's
/// company is served by that connector before it issues the <see cref="PullLease"/> that batch, progress and
/// completion calls carry straight to the pull operation.
/// </summary>
[StatelessWorker]
public sealed class AgentGatewayGrain(
    IOptions<LedgerlinkGrainOptions> options,
    PullLeases leases,
    IReleaseFiles releaseFiles,
    TimeProvider time,
    ILogger<AgentGatewayGrain> logger) : Grain, IAgentGatewayGrain
{
    private const int MaxConnectorIdLength = 64;
    private const int MaxReasonLength = 200;
    private readonly TimeSpan _heartbeatInterval = options.Value.HeartbeatInterval;

    private string ConnectorId => this.GetPrimaryKeyString();

    private IConnectorGrain Connector => GrainFactory.GetGrain<IConnectorGrain>(ConnectorId);

    public async Task<ConnectorRegistration> Register(AgentHello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        if (!IsWellFormedConnectorId(ConnectorId))
        {
            throw Refuse(nameof(Register),
                $"Connector ids are 1-{MaxConnectorIdLength} letters, digits, '-' or '_'.");
        }

        var secret = await Connector.Register(hello)
            ?? throw Refuse(nameof(Register), "This connector id is already registered.");
        return new ConnectorRegistration(ConnectorId, secret);
    }

    public async Task<AgentSession> Hello(AgentCredential credential, AgentHello hello, IAgentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(hello);
        ArgumentNullException.ThrowIfNull(observer);
        await Authenticate(credential, nameof(Hello));
        await Connector.Connected(hello, observer);
        return await Session();
    }

    public async Task<AgentSession> Heartbeat(AgentCredential credential, IAgentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        await Authenticate(credential, nameof(Heartbeat));
        await Connector.Heartbeat(observer);
        return await Session();
    }

    public async Task<TenantBranding?> GetBranding(AgentCredential credential)
    {
        await Authenticate(credential, nameof(GetBranding));
        return await ConnectorBranding.OfAsync(GrainFactory, (await Connector.GetInfo())?.CompanyIds ?? []);
    }

    public async Task<CompanyLinkResult> LinkCompany(AgentCredential credential, string companyId, CompanyLinkRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(companyId);
        ArgumentNullException.ThrowIfNull(request);
        await Authenticate(credential, nameof(LinkCompany));

        // The agent cannot link on another connector's behalf, whatever the request says.
        return await GrainFactory.GetGrain<ICompanyGrain>(companyId).LinkConnector(request with { ConnectorId = ConnectorId });
    }

    public async Task<ConnectorRegistration> RotateSecret(AgentCredential credential)
    {
        await Authenticate(credential, nameof(RotateSecret));
        var secret = await Connector.RotateSecret() ?? throw Refuse(nameof(RotateSecret), "The agent credential was refused.");
        await Audit("connector.secretRotated", "connector", ConnectorId, AuditResult.Succeeded, detail: null);
        return new ConnectorRegistration(ConnectorId, secret);
    }

    public async Task<PullResumePoint> StartPull(AgentCredential credential, string pullOperationId)
    {
        var operation = await AuthorizePullOperation(credential, pullOperationId, nameof(StartPull));
        return await operation.Start(leases.Issue(pullOperationId, ConnectorId));
    }

    public Task<BatchAck> AppendBatch(PullLease lease, DatasetBatch batch, CancellationToken cancellationToken = default) =>
        Leased(lease, nameof(AppendBatch)).AppendBatch(lease, batch, cancellationToken);

    public Task ReportProgress(PullLease lease, int percent) =>
        Leased(lease, nameof(ReportProgress)).ReportProgress(lease, percent);

    public async Task<PullReport> CompletePull(PullLease lease, long recordCount, CancellationToken cancellationToken = default) =>
        Report(await Leased(lease, nameof(CompletePull)).Complete(lease, recordCount, cancellationToken));

    public async Task<PullReport> CompletePullWith(PullLease lease, PullCompletion completion, CancellationToken cancellationToken = default) =>
        Report(await Leased(lease, nameof(CompletePullWith)).CompleteWith(lease, completion, cancellationToken));

    public async Task<PullReport> FailPull(PullLease lease, string errorMessage) =>
        Report(await Leased(lease, nameof(FailPull)).Fail(lease, PullOperationStatus.FetchError, Clip(errorMessage ?? string.Empty)));

    public async Task<int> ReportRestarting(AgentCredential credential, string reason)
    {
        await Authenticate(credential, nameof(ReportRestarting));
        reason = Clip(string.IsNullOrWhiteSpace(reason) ? "The connector restarted." : reason.Trim());
        var paused = (await Connector.GetInfo())?.PausedCompanyIds.ToHashSet(StringComparer.Ordinal) ?? [];
        var interrupted = await Connector.BeginRestart(reason);
        if (interrupted is null)
        {
            const string refusal = "The Restart connector link is off for this connector and support has not asked for a restart.";
            await Audit("connector.restarting", "connector", ConnectorId, AuditResult.Refused, refusal);
            throw Refuse(nameof(ReportRestarting), refusal);
        }

        var cancelled = await CancelPullsAsync(interrupted, paused, $"Cancelled because the connector restarted: {reason}");
        await Audit("connector.restarting", "connector", ConnectorId, AuditResult.Succeeded, $"{reason} {cancelled} syncs cancelled.");
        return cancelled;
    }

    public async Task<SignedRelease> GetRelease(AgentCredential credential, string version)
    {
        var release = await AuthorizeRelease(credential, version, nameof(GetRelease));
        var signed = await releaseFiles.ReadSignedManifestAsync(release.Version, CancellationToken.None)
            ?? throw Refuse(nameof(GetRelease), $"Release {release.Version} is not in this cluster's release container.");
        return new SignedRelease(signed.Manifest, signed.Signature);
    }

    public async Task<byte[]> ReadReleaseFile(
        AgentCredential credential, string version, string name, long offset, int count, CancellationToken cancellationToken = default)
    {
        var release = await AuthorizeRelease(credential, version, nameof(ReadReleaseFile));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, IAgentGatewayGrain.MaxReleaseChunkBytes);
        if (!release.Files.Any(f => string.Equals(f.Name, name, StringComparison.Ordinal)))
        {
            throw Refuse(nameof(ReadReleaseFile), $"Release {release.Version} has no file named '{Clip(name ?? string.Empty)}'.");
        }

        return await releaseFiles.ReadFileRangeAsync(release.Version, name!, offset, count, cancellationToken)
            ?? throw Refuse(nameof(ReadReleaseFile), $"File {name} of release {release.Version} is not in this cluster's release container.");
    }

    public async Task<int> ReportUpdating(AgentCredential credential, string version)
    {
        var release = await AuthorizeRelease(credential, version, nameof(ReportUpdating));
        var info = await Connector.GetInfo();
        var paused = info?.PausedCompanyIds.ToHashSet(StringComparer.Ordinal) ?? [];
        var running = info?.PendingCommands
            .Where(c => c.Kind == AgentCommandKind.StartPull && c.PullOperationId is not null)
            .Select(c => c.PullOperationId!)
            .Distinct()
            .ToArray() ?? [];
        var cancelled = await CancelPullsAsync(running, paused, $"Cancelled because the connector is updating to {release.Version}");
        await Audit("connector.updating", "connector", ConnectorId, AuditResult.Succeeded, $"Updating to {release.Version}: {cancelled} syncs cancelled.");
        return cancelled;
    }

    public async Task ReportUpdate(AgentCredential credential, UpdateReport report)
    {
        await Authenticate(credential, nameof(ReportUpdate));
        ArgumentNullException.ThrowIfNull(report);
        if (!ReleaseVersion.TryParse(report.Version, out _))
        {
            throw new ArgumentException($"'{Clip(report.Version ?? string.Empty)}' is not a version.", nameof(report));
        }

        var (action, result) = ConnectorRelease.AuditOf(report.Outcome);
        var reason = Clip(string.IsNullOrWhiteSpace(report.Reason) ? "No reason given." : report.Reason.Trim());
        await Audit(action, "release", report.Version, result, reason);
    }

    public Task PauseCompany(AgentCredential credential, string companyId) => SetPaused(credential, companyId, paused: true);

    public Task ResumeCompany(AgentCredential credential, string companyId) => SetPaused(credential, companyId, paused: false);

    public async Task<int> SyncNow(AgentCredential credential, string companyId)
    {
        await AuthorizeCompany(credential, companyId, nameof(SyncNow));
        var outcomes = await GrainFactory.GetGrain<ICompanyGrain>(companyId).QueueRefreshAll();
        var queued = outcomes.Count(o => o.Operation is not null);
        await Audit("company.syncNow", "company", companyId, AuditResult.Succeeded, $"{queued} data types queued.");
        return queued;
    }

    public Task<AgentDataChange> ResetCompanyData(AgentCredential credential, string companyId, string confirmationEmail) =>
        ChangeData(credential, companyId, confirmationEmail, reset: true);

    public Task<AgentDataChange> RestoreCompanyData(AgentCredential credential, string companyId, string confirmationEmail) =>
        ChangeData(credential, companyId, confirmationEmail, reset: false);

    private async Task<AgentDataChange> ChangeData(AgentCredential credential, string companyId, string confirmationEmail, bool reset)
    {
        await AuthorizeCompany(credential, companyId, reset ? nameof(ResetCompanyData) : nameof(RestoreCompanyData));
        var company = GrainFactory.GetGrain<ICompanyGrain>(companyId);

        // Whoever sits at the PC only asks: the owner confirms from the email (the typed address is no longer needed,
        // and never was a secret). The company limits how often the owner can be emailed.
        _ = confirmationEmail;
        var requested = await company.RequestOwnerConfirmation(
            reset ? Ledgerlink.Confirmations.OwnerAction.ResetData : Ledgerlink.Confirmations.OwnerAction.RestoreData, $"agent:{ConnectorId}");
        await Audit(reset ? "company.dataReset.requested" : "company.dataRestore.requested", "company", companyId,
            requested.Refusal is null ? AuditResult.Succeeded : AuditResult.Refused, requested.Reason);
        return requested.Confirmation is { } confirmation
            ? new AgentDataChange(false, $"We have emailed the company's owner: the {(reset ? "reset" : "restore")} happens only when they " +
                $"confirm from that email, before {confirmation.Expires.UtcDateTime:HH:mm} UTC.", OwnerEmailed: true)
            : new AgentDataChange(false, requested.Reason);
    }

    private async Task SetPaused(AgentCredential credential, string companyId, bool paused)
    {
        var operation = paused ? nameof(PauseCompany) : nameof(ResumeCompany);
        await AuthorizeCompany(credential, companyId, operation);
        if (!await Connector.SetPaused(companyId, paused))
        {
            throw Refuse(operation, "This connector does not serve that company.");
        }

        await Audit(paused ? "company.pause" : "company.resume", "company", companyId, AuditResult.Succeeded, detail: null);
    }

    private async Task AuthorizeCompany(AgentCredential credential, string companyId, string operation)
    {
        await Authenticate(credential, operation);
        ArgumentException.ThrowIfNullOrWhiteSpace(companyId);
        if (!await Connector.ServesCompany(companyId))
        {
            throw Refuse(operation, "This connector does not serve that company.");
        }
    }

    /// <summary>
    /// Cancels these pull operations with <paramref name="reason"/>, except paused companies' Queued ones (never sent to
    /// the agent). Cancelled from here, not from the connector: each cancellation reaches the connector again
    /// (CancelPull), which must be free to take that call. Side by side: one after another, a connector's 14 running
    /// syncs took most of the time between pressing Restart connector and the agent being back (issue #17).
    /// </summary>
    private async Task<int> CancelPullsAsync(IEnumerable<string> pullOperationIds, HashSet<string> paused, string reason)
    {
        var outcomes = await Task.WhenAll(pullOperationIds.Select(id => CancelPullAsync(id, paused, reason)));
        return outcomes.Count(cancelled => cancelled);
    }

    private async Task<bool> CancelPullAsync(string pullOperationId, HashSet<string> paused, string reason)
    {
        try
        {
            var operation = GrainFactory.GetGrain<IPullOperationGrain>(pullOperationId);
            if (await FindPullOperation(pullOperationId) is not { } current
                || (current.Status == PullOperationStatus.Queued && paused.Contains(current.CompanyId)))
            {
                return false;
            }

            var info = await operation.Cancel(reason);
            return info.Status == PullOperationStatus.Cancelled;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AgentGatewayLog.RestartCancelFailed(logger, e, ConnectorId, pullOperationId);
            return false;
        }
    }

    /// <summary>The release named, if this connector is offered it or runs it; refused otherwise.</summary>
    private async Task<ReleaseInfo> AuthorizeRelease(AgentCredential credential, string version, string operation)
    {
        await Authenticate(credential, operation);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var running = (await Connector.GetInfo())?.AgentVersion;
        return await ConnectorRelease.OfferedOrRunningAsync(GrainFactory, ConnectorId, running, version)
            ?? throw Refuse(operation, $"Release {Clip(version)} is neither offered to this connector nor the one it runs.");
    }

    private Task Audit(string action, string targetType, string targetId, AuditResult result, string? detail) =>
        AgentAudit.RecordQuietlyAsync(GrainFactory, time, logger, ConnectorId, action, targetType, targetId, result, detail);

    private static string Clip(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];

    private async Task Authenticate(AgentCredential credential, string operation)
    {
        // One answer for every failure, so a caller learns nothing about which part was wrong.
        if (credential is null
            || !string.Equals(credential.ConnectorId, ConnectorId, StringComparison.Ordinal)
            || string.IsNullOrEmpty(credential.Secret)
            || !await Connector.VerifySecret(credential.Secret))
        {
            throw Refuse(operation, "The agent credential was refused.");
        }
    }

    private async Task<IPullOperationGrain> AuthorizePullOperation(AgentCredential credential, string pullOperationId, string operation)
    {
        await Authenticate(credential, operation);
        ArgumentException.ThrowIfNullOrWhiteSpace(pullOperationId);
        if (await FindPullOperation(pullOperationId) is not { } info || !await Connector.ServesCompany(info.CompanyId))
        {
            throw Refuse(operation, "This connector does not serve that pull operation's company.");
        }

        // The connector pushes a StartPull before its outbox write (ConnectorGrain.Enqueue); a Queued pull started from
        // a push whose write then failed would run outside the outbox (no resend after an agent restart, no cancel by a
        // restart). Held durably, or refused: the company sends it again when the connector next hears its agent.
        if (info.Status == PullOperationStatus.Queued && !await Connector.HoldsStartPull(pullOperationId))
        {
            throw Refuse(operation, "This pull operation is not in the connector's outbox yet; Ledgerlink sends it again shortly.");
        }

        return GrainFactory.GetGrain<IPullOperationGrain>(pullOperationId);
    }

    /// <summary>A pull operation of this connector's companies; a queued one is made from its company's record.</summary>
    private Task<PullOperationInfo?> FindPullOperation(string pullOperationId) =>
        PullOperationLookup.FindAsync(GrainFactory, pullOperationId, async () => (await Connector.GetInfo())?.CompanyIds ?? []);

    private async Task<AgentSession> Session()
    {
        var commands = await Connector.GetPendingCommands();
        var info = await Connector.GetInfo()
            ?? throw new InvalidOperationException($"Connector {ConnectorId} vanished during the call.");
        var brandingTag = await ConnectorBranding.TagAsync(GrainFactory, info.CompanyIds, logger, ConnectorId);
        var targetVersion = await ConnectorRelease.TargetAsync(GrainFactory, ConnectorId, info.AgentVersion, logger);
        return new AgentSession(
            commands, _heartbeatInterval, info.RestartLinkEnabled, info.CompanyIds, info.PausedCompanyIds, info.SecretRotationDue, brandingTag, targetVersion);
    }

    /// <summary>The pull operation a lease names, if the lease is this connector's; the pull operation checks the signature.</summary>
    private IPullOperationGrain Leased(PullLease lease, string operation)
    {
        if (lease is null || !string.Equals(lease.ConnectorId, ConnectorId, StringComparison.Ordinal) || string.IsNullOrEmpty(lease.PullOperationId))
        {
            throw Refuse(operation, "The pull lease was refused.");
        }

        return GrainFactory.GetGrain<IPullOperationGrain>(lease.PullOperationId);
    }

    private static PullReport Report(PullOperationInfo info) => new(info.Status, info.RecordCount, info.StatusDescription);

    private AgentAccessDeniedException Refuse(string operation, string reason)
    {
        AgentGatewayLog.Refused(logger, ConnectorId, operation, reason);
        return new AgentAccessDeniedException(reason);
    }

    private static bool IsWellFormedConnectorId(string id) =>
        id.Length is > 0 and <= MaxConnectorIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
