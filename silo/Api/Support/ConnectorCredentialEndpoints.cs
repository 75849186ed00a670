using Ledgerlink.Connectors;
using Ledgerlink.Grains.PullOperations;
using Ledgerlink.PullOperations;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Limits;
using Ledgerlink.Silo.Api.Support.Models;
using Ledgerlink.Support;

namespace Ledgerlink.Silo.Api.Support;

/// <summary>
/// Support's hold on a connector's credential: revoke it (a stolen or retired PC; every later call with any secret of
/// that connector is refused and its running syncs are cancelled) or ask the agent to rotate its secret now.
/// </summary>
public static class ConnectorCredentialEndpoints
{
    private const int MaxReasonLength = 200;

    private static readonly SupportAction Revoke = new("connector.revoke", "connector", "connectorId");
    private static readonly SupportAction Rotate = new("connector.rotateSecret", "connector", "connectorId");

    public static RouteGroupBuilder MapConnectorCredentialEndpoints(this RouteGroupBuilder support)
    {
        support.MapPost("/connectors/{connectorId}/revoke", RevokeConnector).WithName("support-revoke-connector")
            .WithMetadata(Revoke).Produces<RevokeResponse>().WithRequestBodyLimit(SupportEndpoints.SmallBodyBytes);
        support.MapPost("/connectors/{connectorId}/rotate-secret", RequestRotation).WithName("support-rotate-connector-secret")
            .WithMetadata(Rotate).Produces<SecretRotationResponse>(StatusCodes.Status202Accepted);
        return support;
    }

    private static async Task<IResult> RevokeConnector(string connectorId, HttpContext http, IGrainFactory grains)
    {
        if (await SupportEndpoints.FindConnectorAsync(grains, connectorId) is null)
        {
            return await SupportEndpoints.ConnectorNotFound(http, grains, Revoke, connectorId);
        }

        // The body is optional: a bare POST revokes with the default reason.
        RevokeBody? body = null;
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (value, error) = await JsonBody.ReadAsync<RevokeBody>(http.Request, http.RequestAborted);
            if (error is not null)
            {
                return error;
            }

            body = value;
        }

        var reason = body?.Reason?.Trim() is { Length: > 0 } given
            ? given[..Math.Min(given.Length, MaxReasonLength)]
            : "Support revoked the connector's credential.";
        var connector = grains.GetGrain<IConnectorGrain>(connectorId);
        var interrupted = await connector.Revoke(reason) ?? [];
        var cancelled = 0;
        foreach (var pullOperationId in interrupted)
        {
            // A queued one is made from its company's record first (it has written nothing of its own yet).
            if (await PullOperationLookup.FindAsync(grains, pullOperationId, async () => (await connector.GetInfo())?.CompanyIds ?? []) is null)
            {
                continue;
            }

            var info = await grains.GetGrain<IPullOperationGrain>(pullOperationId).Cancel($"Cancelled because the connector was revoked: {reason}");
            cancelled += info.Status == PullOperationStatus.Cancelled ? 1 : 0;
        }

        var revoked = (await SupportEndpoints.FindConnectorAsync(grains, connectorId))?.Revoked ?? DateTimeOffset.UtcNow;
        await SupportAudit.RecordAsync(http, grains, Revoke, connectorId, connectorId, AuditResult.Succeeded,
            $"{reason} {cancelled} syncs cancelled.");
        return Results.Json(new RevokeResponse(connectorId, revoked, cancelled), ApiJson.Options);
    }

    private static async Task<IResult> RequestRotation(string connectorId, HttpContext http, IGrainFactory grains)
    {
        if (await SupportEndpoints.FindConnectorAsync(grains, connectorId) is null)
        {
            return await SupportEndpoints.ConnectorNotFound(http, grains, Rotate, connectorId);
        }

        if (!await grains.GetGrain<IConnectorGrain>(connectorId).RequestSecretRotation())
        {
            const string revoked = "The connector is revoked; it has no secret to rotate.";
            await SupportAudit.RecordAsync(http, grains, Rotate, connectorId, connectorId, AuditResult.Refused, revoked);
            return ApiErrors.Conflict(revoked);
        }

        await SupportAudit.RecordAsync(http, grains, Rotate, connectorId, connectorId, AuditResult.Succeeded,
            "Secret rotation requested; the agent rotates at its next heartbeat.");
        return Results.Json(new SecretRotationResponse(connectorId, RotationRequested: true), ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }
}
