using Ledgerlink.Releases;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Limits;
using Ledgerlink.Silo.Api.Operator.Models;
using Ledgerlink.Support;

namespace Ledgerlink.Silo.Api.Support;

/// <summary>
/// Support holds one connector at a release (a PC whose update misbehaves, or one that must stay put for a while) and
/// sees which release the connector is offered: its hold, or what the rollout policies give it. Audited.
/// </summary>
public static class ReleaseHoldEndpoints
{
    private static readonly SupportAction SetHold = new("connector.releaseHold", "connector", "connectorId");
    private static readonly SupportAction ReadRelease = new("connector.release", "connector", "connectorId");

    public static RouteGroupBuilder MapReleaseHoldEndpoints(this RouteGroupBuilder support)
    {
        support.MapPut("/connectors/{connectorId}/release-hold", Hold).WithName("support-hold-connector-release")
            .WithMetadata(SetHold).Produces<ConnectorReleaseResponse>().WithRequestBodyLimit(SupportEndpoints.SmallBodyBytes);
        support.MapGet("/connectors/{connectorId}/release", Get).WithName("support-connector-release")
            .WithMetadata(ReadRelease).Produces<ConnectorReleaseResponse>();
        return support;
    }

    private static async Task<IResult> Hold(string connectorId, HttpContext http, IGrainFactory grains)
    {
        if (await SupportEndpoints.FindConnectorAsync(grains, connectorId) is not { } connector)
        {
            return await SupportEndpoints.ConnectorNotFound(http, grains, SetHold, connectorId);
        }

        var read = await JsonBody.ReadAsync<ReleaseHoldBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        var catalog = grains.GetGrain<IReleaseCatalogGrain>(IReleaseCatalogGrain.Key);
        if (body.Version is not null && await catalog.Get(body.Version) is not { Withdrawn: null })
        {
            await SupportAudit.RecordAsync(http, grains, SetHold, connectorId, connectorId, AuditResult.Refused, $"{body.Version} is not a published release.");
            return ApiErrors.BadRequest("version", $"version {body.Version} is not a published release.");
        }

        await catalog.Hold(connectorId, body.Version, http.User.Caller().KeyId);
        await SupportAudit.RecordAsync(http, grains, SetHold, connectorId, connectorId, AuditResult.Succeeded,
            body.Version is null ? "Hold lifted." : $"Held at {body.Version}.");
        return Results.Json(await DescribeAsync(grains, connectorId, connector.AgentVersion), ApiJson.Options);
    }

    private static async Task<IResult> Get(string connectorId, HttpContext http, IGrainFactory grains)
    {
        if (await SupportEndpoints.FindConnectorAsync(grains, connectorId) is not { } connector)
        {
            return await SupportEndpoints.ConnectorNotFound(http, grains, ReadRelease, connectorId);
        }

        await SupportAudit.RecordAsync(http, grains, ReadRelease, connectorId, connectorId, AuditResult.Succeeded, null);
        return Results.Json(await DescribeAsync(grains, connectorId, connector.AgentVersion), ApiJson.Options);
    }

    private static async Task<ConnectorReleaseResponse> DescribeAsync(IGrainFactory grains, string connectorId, string? agentVersion)
    {
        var catalog = grains.GetGrain<IReleaseCatalogGrain>(IReleaseCatalogGrain.Key);
        var hold = await catalog.GetHold(connectorId);
        var target = agentVersion is null ? null : await catalog.TargetFor(connectorId, agentVersion);

        // The agent's reports live in the audit log (newest first); the newest one is the last attempt.
        var entries = await grains.GetGrain<ISupportAuditGrain>(SupportAuditLog.Key).GetEntries(connectorId);
        var last = entries.FirstOrDefault(e => UpdateAudit.IsUpdate(e.Action));
        return new ConnectorReleaseResponse(connectorId, agentVersion, hold?.Version, target?.Version,
            last is null ? null : new UpdateAttemptResponse(last.TargetId, UpdateAudit.Outcome(last.Action), last.Detail, last.At));
    }
}
