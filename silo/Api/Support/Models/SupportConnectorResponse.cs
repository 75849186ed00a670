using Ledgerlink.PullOperations;

namespace Ledgerlink.Silo.Api.Support.Models;

/// <summary>One installed agent as support sees it: machine, version, presence, companies served, running syncs and the restart link.</summary>
public sealed record SupportConnectorResponse(
    string Id,
    string? MachineName,
    string? AgentVersion,
    int? ProcessId,
    bool Online,
    DateTimeOffset? LastSeen,
    bool RestartLinkEnabled,
    IReadOnlyList<SupportCompanyResponse> Companies,
    IReadOnlyList<RunningSyncResponse> RunningSyncs);

/// <summary>A company the connector serves. <c>name</c> and <c>tenantId</c> are absent when the company was deleted.</summary>
public sealed record SupportCompanyResponse(string Id, string? Name, string? TenantId, bool Paused);

/// <summary>
/// A sync the connector holds (Queued or Fetching). <c>heldByPause</c>: Queued and not sent to the agent because its
/// company is paused.
/// </summary>
public sealed record RunningSyncResponse(
    string Id,
    string CompanyId,
    string DataType,
    PullOperationStatus Status,
    int Progress,
    long RecordCount,
    DateTimeOffset Requested,
    bool HeldByPause);
