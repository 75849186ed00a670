using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.Grains.PullOperations;
using Ledgerlink.PullOperations;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Limits;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Support.Models;
using Ledgerlink.Support;

namespace Ledgerlink.Silo.Api.Support;

/// <summary>
/// What support gets: look a connector up by its id, turn its "Restart connector" link on or off, ask it to restart,
/// cancel a stuck sync, and read the audit log in which every one of these (refusals included) is recorded.
/// </summary>
public static class SupportEndpoints
{
    private const int MaxConnectorIdLength = 64;

    private static readonly SupportAction Lookup = new("connector.lookup", "connector", "connectorId");
    private static readonly SupportAction RestartLink = new("connector.restartLink", "connector", "connectorId");
    private static readonly SupportAction Restart = new("connector.restart", "connector", "connectorId");
    private static readonly SupportAction ConnectorAudit = new("connector.audit", "connector", "connectorId");
    private static readonly SupportAction Cancel = new("pullOperation.cancel", "pullOperation", "pullOperationId");
    private static readonly SupportAction ReadAudit = new("audit.read", "audit", "none");

    /// <summary>Support bodies are a flag or a reason: 16 KiB is generous.</summary>
    public const int SmallBodyBytes = 16 * 1024;

    public static WebApplication MapSupportEndpoints(this WebApplication app)
    {
        var support = app.MapGroup("/support").WithTags("Support").RequireAuthorization().AddEndpointFilter<SupportRoleFilter>();
        support.MapGet("/connectors/{connectorId}", GetConnector).WithName("support-get-connector")
            .WithMetadata(Lookup).Produces<SupportConnectorResponse>();
        support.MapPut("/connectors/{connectorId}/restart-link", SetRestartLink).WithName("support-set-restart-link")
            .WithMetadata(RestartLink).Produces<RestartLinkResponse>().WithRequestBodyLimit(SmallBodyBytes);
        support.MapPost("/connectors/{connectorId}/restart", RequestRestart).WithName("support-restart-connector")
            .WithMetadata(Restart).Produces<RestartRequestResponse>(StatusCodes.Status202Accepted);
        support.MapGet("/connectors/{connectorId}/audit", GetConnectorAudit).WithName("support-connector-audit")
            .WithMetadata(ConnectorAudit).Produces<PagedResponse<AuditEntryResponse>>();
        support.MapPost("/companies/{companyId}/pullOperations/{pullOperationId}/cancel", CancelPullOperation)
            .WithName("support-cancel-pull-operation").WithMetadata(Cancel).Produces<PullOperationResponse>();
        support.MapConnectorCredentialEndpoints();
        support.MapReleaseHoldEndpoints();
        support.MapGet("/audit", GetAudit).WithName("support-audit").WithMetadata(ReadAudit).Produces<PagedResponse<AuditEntryResponse>>();
        return app;
    }

    private static async Task<IResult> GetConnector(string connectorId, HttpContext http, IGrainFactory grains)
    {
        if (await FindConnectorAsync(grains, connectorId) is not { } info)
        {
            return await ConnectorNotFound(http, grains, Lookup, connectorId);
        }

        var paused = info.PausedCompanyIds.ToHashSet(StringComparer.Ordinal);
        var companies = await Task.WhenAll(info.CompanyIds.Select(async id =>
        {
            var company = await grains.GetGrain<ICompanyGrain>(id).Get();
            return new SupportCompanyResponse(id, company?.Profile.Name, company?.TenantId, paused.Contains(id));
        }));

        // The outbox holds a StartPull for every sync given to this connector until it finishes.
        var datasetIds = info.PendingCommands
            .Where(c => c.Kind == AgentCommandKind.StartPull && c.PullOperationId is not null)
            .Select(c => c.PullOperationId!)
            .Distinct(StringComparer.Ordinal);
        var operations = await Task.WhenAll(datasetIds.Select(id => PullOperationLookup.FindAsync(grains, id, () => Task.FromResult<IEnumerable<string>>(info.CompanyIds))));
        var running = operations
            .OfType<PullOperationInfo>()
            .Where(o => o.Status.IsInProgress())
            .OrderBy(o => o.Requested)
            .Select(o => new RunningSyncResponse(
                o.Id, o.CompanyId, o.DataType, o.Status, o.Progress, o.RecordCount, o.Requested,
                HeldByPause: o.Status == PullOperationStatus.Queued && paused.Contains(o.CompanyId)))
            .ToArray();

        await SupportAudit.RecordAsync(http, grains, Lookup, connectorId, connectorId, AuditResult.Succeeded, detail: null);
        return Results.Json(
            new SupportConnectorResponse(
                info.Id, info.MachineName, info.AgentVersion, info.ProcessId, info.Online, info.LastSeen, info.RestartLinkEnabled,
                companies, running),
            ApiJson.Options);
    }

    private static async Task<IResult> SetRestartLink(string connectorId, HttpContext http, IGrainFactory grains)
    {
        if (await FindConnectorAsync(grains, connectorId) is null)
        {
            return await ConnectorNotFound(http, grains, RestartLink, connectorId);
        }

        var (body, bodyError) = await JsonBody.ReadAsync<RestartLinkBody>(http.Request, http.RequestAborted);
        if (body?.Enabled is not { } enabled)
        {
            var detail = body is null ? "The request body was refused." : "enabled is required (true or false).";
            await SupportAudit.RecordAsync(http, grains, RestartLink, connectorId, connectorId, AuditResult.Refused, detail);
            return bodyError ?? ApiErrors.BadRequest("enabled", "enabled is required and must be true or false.");
        }

        if (!await grains.GetGrain<IConnectorGrain>(connectorId).SetRestartLink(enabled))
        {
            return await ConnectorNotFound(http, grains, RestartLink, connectorId);
        }

        await SupportAudit.RecordAsync(http, grains, RestartLink, connectorId, connectorId, AuditResult.Succeeded,
            enabled ? "Restart link enabled." : "Restart link disabled.");
        return Results.Json(new RestartLinkResponse(connectorId, enabled), ApiJson.Options);
    }

    private static async Task<IResult> RequestRestart(string connectorId, HttpContext http, IGrainFactory grains)
    {
        if (await FindConnectorAsync(grains, connectorId) is null)
        {
            return await ConnectorNotFound(http, grains, Restart, connectorId);
        }

        if (!await grains.GetGrain<IConnectorGrain>(connectorId).RequestRestart(http.User.Caller().KeyId))
        {
            const string offline = "The connector is offline, so it cannot be restarted remotely; running the agent's executable again starts it.";
            await SupportAudit.RecordAsync(http, grains, Restart, connectorId, connectorId, AuditResult.Refused, offline);
            return ApiErrors.Conflict(offline);
        }

        await SupportAudit.RecordAsync(http, grains, Restart, connectorId, connectorId, AuditResult.Succeeded, "Restart command sent.");
        return Results.Json(new RestartRequestResponse(connectorId, RestartRequested: true), ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> CancelPullOperation(string companyId, string pullOperationId, HttpContext http, IGrainFactory grains)
    {
        var company = CompanyAccess.IsPlausibleId(companyId) ? await grains.GetGrain<ICompanyGrain>(companyId).Get() : null;
        if (company is null)
        {
            await SupportAudit.RecordAsync(http, grains, Cancel, pullOperationId, null, AuditResult.Refused, $"Company {companyId} not found.");
            return ApiErrors.CompanyNotFound(companyId);
        }

        var connectorId = company.Connections.Select(c => c.ConnectorId).FirstOrDefault(id => id is not null);
        var operation = CompanyAccess.IsPlausibleId(pullOperationId) ? grains.GetGrain<IPullOperationGrain>(pullOperationId) : null;
        var info = operation is null ? null : await PullOperationLookup.FindAsync(grains, pullOperationId, companyId);
        if (info is null || info.CompanyId != companyId)
        {
            await SupportAudit.RecordAsync(http, grains, Cancel, pullOperationId, connectorId, AuditResult.Refused,
                $"Pull operation not found for company {companyId}.");
            return ApiErrors.NotFound($"Pull operation {pullOperationId} not found");
        }

        if (!info.Status.IsInProgress())
        {
            var finished = $"The pull operation is already {info.Status}; only a Queued or Fetching one can be cancelled.";
            await SupportAudit.RecordAsync(http, grains, Cancel, pullOperationId, connectorId, AuditResult.Refused, finished);
            return ApiErrors.Conflict(finished);
        }

        var cancelled = await operation!.Cancel($"Cancelled by support (API key {http.User.Caller().KeyId}).");
        var result = cancelled.Status == PullOperationStatus.Cancelled ? AuditResult.Succeeded : AuditResult.Refused;
        await SupportAudit.RecordAsync(http, grains, Cancel, pullOperationId, connectorId, result,
            $"{cancelled.DataType} of company {companyId} is {cancelled.Status}.");
        return result == AuditResult.Succeeded
            ? Results.Json(PullOperationResponse.From(cancelled), ApiJson.Options)
            : ApiErrors.Conflict($"The pull operation finished as {cancelled.Status} before it could be cancelled.");
    }

    private static async Task<IResult> GetConnectorAudit(string connectorId, HttpContext http, PageQuery paging, IGrainFactory grains)
    {
        if (await FindConnectorAsync(grains, connectorId) is null)
        {
            return await ConnectorNotFound(http, grains, ConnectorAudit, connectorId);
        }

        return await AuditPage(http, paging, grains, connectorId);
    }

    private static Task<IResult> GetAudit(HttpContext http, PageQuery paging, IGrainFactory grains)
    {
        var connectorId = http.Request.Query["connectorId"].ToString();
        return AuditPage(http, paging, grains, connectorId.Length == 0 ? null : connectorId);
    }

    private static async Task<IResult> AuditPage(HttpContext http, PageQuery paging, IGrainFactory grains, string? connectorId)
    {
        if (!paging.Request.TryGetValue(out var page))
        {
            return paging.Request.Error;
        }
        if (page.Query is not null || page.OrderBy is not null)
        {
            return ApiErrors.BadRequest(page.Query is not null ? "query" : "orderBy",
                "The audit log is always newest first and takes no query or orderBy; filter with connectorId.");
        }

        var entries = await grains.GetGrain<ISupportAuditGrain>(SupportAuditLog.Key).GetEntries(connectorId);
        return Results.Json(page.Apply(entries.Select(AuditEntryResponse.From).ToList(), http.Request), ApiJson.Options);
    }

    internal static async Task<ConnectorInfo?> FindConnectorAsync(IGrainFactory grains, string connectorId) =>
        IsWellFormedConnectorId(connectorId) ? await grains.GetGrain<IConnectorGrain>(connectorId).GetInfo() : null;

    internal static async Task<IResult> ConnectorNotFound(HttpContext http, IGrainFactory grains, SupportAction action, string connectorId)
    {
        var message = $"Connector {connectorId} not found";
        await SupportAudit.RecordAsync(http, grains, action, connectorId, connectorId, AuditResult.Refused, message);
        return ApiErrors.NotFound(message);
    }

    // Connector ids are what agents register (letters, digits, '-', '_'); anything else cannot exist.
    private static bool IsWellFormedConnectorId(string id) =>
        id.Length is > 0 and <= MaxConnectorIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
