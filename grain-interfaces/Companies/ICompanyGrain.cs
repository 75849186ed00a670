using Ledgerlink.PullOperations;
using Orleans.Concurrency;

namespace Ledgerlink.Companies;

/// <summary>
/// One company (key: company id, which is also the licence key the SMB pastes into the agent): its profile, its
/// Sage 50 connection, per-data-type status, the queue of requested syncs and the pointers to committed datasets.
/// </summary>
/// <remarks>Pull operations tell it about themselves through <see cref="IPullOperationNotices"/>, which it also implements.</remarks>
[Alias("Ledgerlink.Companies.ICompanyGrain")]
public interface ICompanyGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<CompanyInfo> Create(string tenantId, CompanyProfile profile);

    /// <summary>Null when the company does not exist (never created, or deleted).</summary>
    [Alias("Get")]
    Task<CompanyInfo?> Get();

    [Alias("UpdateProfile")]
    Task<CompanyInfo?> UpdateProfile(CompanyProfile profile);

    [Alias("Delete")]
    Task<bool> Delete();

    [Alias("CreateConnection")]
    Task<ConnectionInfo?> CreateConnection(string platformKey);

    [Alias("SetConnectionStatus")]
    Task<ConnectionInfo?> SetConnectionStatus(string connectionId, ConnectionStatus status);

    [Alias("DeleteConnection")]
    Task<ConnectionInfo?> DeleteConnection(string connectionId);

    /// <summary>
    /// A new one-time link code for a live (PendingAuth or Linked) connection; the previous code stops working. Null when
    /// the company or connection does not exist, or the connection is Unlinked or Deauthorized.
    /// </summary>
    [Alias("IssueLinkCode")]
    Task<IssuedLinkCode?> IssueLinkCode(string connectionId);

    /// <summary>
    /// Called when an agent links this company (the SMB entered the licence key and the link code): with the live
    /// connection's current, unexpired code the connection becomes Linked and the code is used up. A wrong, used or
    /// expired code is refused with its own reason and changes nothing.
    /// </summary>
    [Alias("LinkConnector")]
    Task<CompanyLinkResult> LinkConnector(CompanyLinkRequest request);

    [Alias("QueueRefresh")]
    Task<RefreshOutcome> QueueRefresh(string dataType);

    /// <summary>As <see cref="QueueRefresh"/>, but the sync reads and sends the whole data type, never a delta (<c>?fullSync=true</c>).</summary>
    [Alias("QueueFullRefresh")]
    Task<RefreshOutcome> QueueFullRefresh(string dataType);

    /// <summary>
    /// The committed dataset an incremental sync of <paramref name="dataType"/> would change (the current generation's);
    /// a plain read, interleaved so a pull operation may ask while this grain waits on it.
    /// </summary>
    [Alias("GetSyncBase"), Orleans.Concurrency.AlwaysInterleave]
    Task<CommittedDataset?> GetSyncBase(string dataType);

    /// <summary>Queues every supported data type that is not already in progress; returns the operations queued.</summary>
    [Alias("QueueRefreshAll")]
    Task<RefreshOutcome[]> QueueRefreshAll();

    [Alias("GetDataStatus")]
    Task<IReadOnlyList<DataStatusInfo>> GetDataStatus();

    /// <summary>Pull operation ids, newest first.</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<string>> GetHistory();

    [Alias("GetCommittedDataset")]
    Task<CommittedDataset?> GetCommittedDataset(string dataType);

    /// <summary>The dataset readers of <paramref name="dataType"/> see now; null when the company does not exist.</summary>
    [Alias("GetReadTarget")]
    Task<DataReadTarget?> GetReadTarget(string dataType);

    /// <summary>
    /// Asks the owner, by email, to confirm a reset or restore: refused (nothing sent) without a verified owner, within
    /// 24 hours of an owner change (reset), while bank feeds are connected (reset), with nothing to restore, or past the
    /// hourly limit of confirmation emails. <paramref name="actor"/> says who asked, for the audit log.
    /// </summary>
    [Alias("RequestOwnerConfirmation")]
    Task<DataChangeRequested> RequestOwnerConfirmation(Confirmations.OwnerAction action, string actor);

    /// <summary>
    /// Emails the owner's address its verification again (e.g. the first one was lost or the mail server was down):
    /// refused without an owner email, when it is already verified, or past the hourly limit of confirmation emails.
    /// </summary>
    [Alias("RequestOwnerVerification")]
    Task<DataChangeRequested> RequestOwnerVerification(string actor);

    /// <summary>From an owner confirmation: <paramref name="email"/> confirmed it reaches the owner; false if the owner changed since.</summary>
    [Alias("OwnerVerified")]
    Task<bool> OwnerVerified(string email);

    /// <summary>
    /// Empties every synced dataset in constant time: the company moves to a new, empty data generation and remembers
    /// the previous one for <see cref="RestoreData"/>. Running syncs are cancelled first; queued ones run afterwards.
    /// Only the owner may, and never while bank feeds are connected: called by an owner confirmation once the owner
    /// confirmed from their email (<see cref="RequestOwnerConfirmation"/>); no outside path reaches it directly.
    /// </summary>
    [Alias("ResetData")]
    Task<DataChangeOutcome> ResetData(DataChangeRequest request);

    /// <summary>Moves the company back to the generation it had just before its last reset, in constant time.</summary>
    [Alias("RestoreData")]
    Task<DataChangeOutcome> RestoreData(DataChangeRequest request);

    /// <summary>Null when the company does not exist.</summary>
    [Alias("GetDataGenerations")]
    Task<DataGenerationInfo?> GetDataGenerations();

    /// <summary>Resets, restores and deletions of retired generations, newest first.</summary>
    [Alias("GetDataAudit")]
    Task<IReadOnlyList<DataAuditEntry>> GetDataAudit();

    /// <summary>
    /// From a connector hearing its agent: send again every queued StartPull for it, in case a silo was lost between the
    /// refresh's durable write and its send. One-way, so the connector never waits on a company that may be calling it.
    /// </summary>
    [OneWay, Alias("ResendQueuedTo")]
    Task ResendQueuedTo(string connectorId);

    /// <summary>
    /// What the pull operation <paramref name="pullOperationId"/> was asked for, while this company's durable record of it
    /// is still Queued; null otherwise. A queued pull operation has written nothing of its own yet (the company's write is
    /// the refresh's only one), so whoever reaches it first (the agent's gateway, the API) hands it this request.
    /// Not interleaved: a refresh whose write is still under way (or failed) is never handed out.
    /// </summary>
    [Alias("GetPullRequest")]
    Task<PullOperationRequest?> GetPullRequest(string pullOperationId);
}
