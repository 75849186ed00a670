using Ledgerlink.Branding;
using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.PullOperations;
using Ledgerlink.Releases;

namespace Ledgerlink.Agents;

/// <summary>
/// The only grain interface an agent may call (key: its connector id). Every call but <see cref="Register"/> carries
/// the connector's credential, which is checked here before anything is forwarded; a call naming a company or pull operation
/// this connector does not serve is refused with <see cref="AgentAccessDeniedException"/>.
/// </summary>
[Alias("Ledgerlink.Agents.IAgentGatewayGrain")]
public interface IAgentGatewayGrain : IGrainWithStringKey
{
    /// <summary>First run of a new agent: creates the connector and returns its secret; refused if the id is taken.</summary>
    [Alias("Register")]
    Task<ConnectorRegistration> Register(AgentHello hello);

    [Alias("Hello")]
    Task<AgentSession> Hello(AgentCredential credential, AgentHello hello, IAgentObserver observer);

    /// <summary>
    /// Replaces the connector's secret (asked for by <see cref="AgentSession.RotateSecret"/>): the answer holds the new
    /// one, and the old one keeps working until the new one is first used, so a lost answer locks nobody out.
    /// </summary>
    [Alias("RotateSecret")]
    Task<ConnectorRegistration> RotateSecret(AgentCredential credential);

    [Alias("Heartbeat")]
    Task<AgentSession> Heartbeat(AgentCredential credential, IAgentObserver observer);

    /// <summary>
    /// The branding the agent's UI shows (that of the tenant owning the first company this connector serves), logo
    /// included, or null for the neutral default. Asked for when <see cref="AgentSession.BrandingTag"/> changes.
    /// </summary>
    [Alias("GetBranding")]
    Task<TenantBranding?> GetBranding(AgentCredential credential);

    /// <summary>The SMB pasted a licence key (the company id): link that company to this connector.</summary>
    [Alias("LinkCompany")]
    Task<CompanyLinkResult> LinkCompany(AgentCredential credential, string companyId, CompanyLinkRequest request);

    /// <summary>
    /// Starts or resumes a pull operation: proves the credential and that this connector serves the pull operation's company,
    /// and returns where to resume with the <see cref="PullLease"/> the other pull calls carry.
    /// </summary>
    [Alias("StartPull")]
    Task<PullResumePoint> StartPull(AgentCredential credential, string pullOperationId);

    [Alias("AppendBatch")]
    Task<BatchAck> AppendBatch(PullLease lease, DatasetBatch batch, CancellationToken cancellationToken = default);

    [Alias("ReportProgress")]
    Task ReportProgress(PullLease lease, int percent);

    [Alias("CompletePull")]
    Task<PullReport> CompletePull(PullLease lease, long recordCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a pull and says what the batches were: the whole data type, or a delta on the committed dataset the
    /// StartPull named (<see cref="PullCompletion"/>), with the watermark the agent took before reading.
    /// </summary>
    [Alias("CompletePullWith")]
    Task<PullReport> CompletePullWith(PullLease lease, PullCompletion completion, CancellationToken cancellationToken = default);

    [Alias("FailPull")]
    Task<PullReport> FailPull(PullLease lease, string errorMessage);

    /// <summary>
    /// The agent is about to restart: the SMB pressed "Restart connector" (shown while
    /// <see cref="AgentSession.RestartLinkEnabled"/>), or support sent a Restart command. Refused with
    /// <see cref="AgentAccessDeniedException"/> when the link is off and support has not asked. Every sync the
    /// connector was given becomes Cancelled with <paramref name="reason"/> recorded (paused companies' refreshes,
    /// never sent, stay Queued); work queued meanwhile is delivered after the agent's next hello. Returns how many
    /// syncs were cancelled.
    /// </summary>
    [Alias("ReportRestarting")]
    Task<int> ReportRestarting(AgentCredential credential, string reason);

    /// <summary>The SMB paused a company: its refreshes stay Queued, and none is sent to the agent until it is resumed.</summary>
    [Alias("PauseCompany")]
    Task PauseCompany(AgentCredential credential, string companyId);

    [Alias("ResumeCompany")]
    Task ResumeCompany(AgentCredential credential, string companyId);

    /// <summary>
    /// The SMB pressed "Sync now": refreshes every data type not already in progress (a paused company's wait).
    /// Returns how many data types were queued.
    /// </summary>
    [Alias("SyncNow")]
    Task<int> SyncNow(AgentCredential credential, string companyId);

    /// <summary>
    /// The owner pressed Reset under "Manage your data": <paramref name="confirmationEmail"/> must be the company owner's
    /// email address. A refusal (not the owner, bank feeds connected) comes back in the answer, not as an exception.
    /// </summary>
    [Alias("ResetCompanyData")]
    Task<AgentDataChange> ResetCompanyData(AgentCredential credential, string companyId, string confirmationEmail);

    /// <summary>The owner pressed Restore under "Manage your data"; confirmed like <see cref="ResetCompanyData"/>.</summary>
    [Alias("RestoreCompanyData")]
    Task<AgentDataChange> RestoreCompanyData(AgentCredential credential, string companyId, string confirmationEmail);

    /// <summary>
    /// The signed manifest of <paramref name="version"/>, which must be the release this connector is offered
    /// (<see cref="AgentSession.TargetVersion"/>) or the one it runs; anything else is refused with
    /// <see cref="AgentAccessDeniedException"/>. The agent verifies the signature itself.
    /// </summary>
    [Alias("GetRelease")]
    Task<SignedRelease> GetRelease(AgentCredential credential, string version);

    /// <summary>
    /// Up to <see cref="MaxReleaseChunkBytes"/> bytes of a file the manifest of <paramref name="version"/> lists, from
    /// <paramref name="offset"/> (empty past its end); refused like <see cref="GetRelease"/>.
    /// </summary>
    [Alias("ReadReleaseFile")]
    Task<byte[]> ReadReleaseFile(AgentCredential credential, string version, string name, long offset, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// The agent waited long enough for its syncs and is now leaving to run <paramref name="version"/> (the release it
    /// is offered): every sync the connector was given becomes Cancelled with "updating to …" recorded, as for a
    /// restart. Returns how many were cancelled.
    /// </summary>
    [Alias("ReportUpdating")]
    Task<int> ReportUpdating(AgentCredential credential, string version);

    /// <summary>How an update attempt ended (installed, rolled back, refused): written to the support audit log.</summary>
    [Alias("ReportUpdate")]
    Task ReportUpdate(AgentCredential credential, UpdateReport report);

    /// <summary>The largest chunk <see cref="ReadReleaseFile"/> returns: well inside the gateway's message limit.</summary>
    public const int MaxReleaseChunkBytes = 1024 * 1024;
}
