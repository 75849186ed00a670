using Ledgerlink.Companies;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Limits;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;
using ConnectionInfo = Ledgerlink.Companies.ConnectionInfo;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// Codat's connection operations for platform <c>hbql</c> (Sage 50): create, list, get, unlink, delete; and ours, renewing
/// the one-time link code the SMB enters next to the licence key.
/// </summary>
public static class ConnectionsEndpoints
{
    private static readonly Dictionary<string, Func<ConnectionInfo, string?>> QueryFields = new()
    {
        ["id"] = c => c.Id,
        ["status"] = c => c.Status.ToString(),
        ["integrationKey"] = c => c.PlatformKey,
        ["platformKey"] = c => c.PlatformKey,
    };

    private static readonly Dictionary<string, Func<ConnectionInfo, IComparable?>> OrderFields = new()
    {
        ["created"] = c => c.Created,
        ["status"] = c => c.Status.ToString(),
        ["id"] = c => c.Id,
    };

    /// <summary>A connection body is a platform key or a status: 16 KiB is generous.</summary>
    public const int SmallBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapConnections(this RouteGroupBuilder api)
    {
        var connections = api.MapGroup("/companies/{companyId}/connections").WithTags("Connections");
        connections.MapGet("/", List).WithName("list-connections").Produces<PagedResponse<ConnectionResponse>>();
        connections.MapPost("/", Create).WithName("create-connection").Accepts<CreateConnectionBody>("application/json").Produces<ConnectionResponse>()
            .WithRequestBodyLimit(SmallBodyBytes);
        connections.MapGet("/{connectionId}", Get).WithName("get-connection").Produces<ConnectionResponse>();
        connections.MapPatch("/{connectionId}", Unlink).WithName("unlink-connection").Accepts<UpdateConnectionStatusBody>("application/json").Produces<ConnectionResponse>()
            .WithRequestBodyLimit(SmallBodyBytes);
        connections.MapDelete("/{connectionId}", Delete).WithName("delete-connection").Produces(StatusCodes.Status200OK);
        connections.MapPost("/{connectionId}/linkCode", RenewLinkCode).WithName("renew-link-code").Produces<ConnectionResponse>();
        return api;
    }

    private static async Task<IResult> List(
        string companyId, HttpContext http, PageQuery paging, IGrainFactory grains, CompanyResponses responses)
    {
        var company = await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId);
        if (company is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var selection = paging.Select(QueryFields, OrderFields);
        if (!selection.TryGetValue(out var selected))
        {
            return selection.Error;
        }

        var ordered = selected.Apply(company.Connections);
        var pauses = await ConnectorPauses.LoadAsync(grains, company);
        return Results.Json(
            selected.Respond(ordered.Select(c => responses.Connection(companyId, c, pauses)).ToList(), http.Request), ApiJson.Options);
    }

    private static async Task<IResult> Create(string companyId, HttpContext http, IGrainFactory grains, CompanyResponses responses)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var read = await JsonBody.ReadAsync<CreateConnectionBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        if (string.IsNullOrWhiteSpace(body.PlatformKey))
        {
            return ApiErrors.BadRequest("platformKey", $"platformKey is required; Ledgerlink offers '{Sage50Integration.PlatformKey}' (Sage 50).");
        }

        if (!string.Equals(body.PlatformKey, Sage50Integration.PlatformKey, StringComparison.Ordinal))
        {
            return ApiErrors.BadRequest("platformKey",
                $"platformKey '{body.PlatformKey}' is not an integration Ledgerlink offers; use '{Sage50Integration.PlatformKey}' (Sage 50).");
        }

        // Asking again returns the live connection with a new link code: the integrator's other way to renew it.
        var company = grains.GetGrain<ICompanyGrain>(companyId);
        var connection = await company.CreateConnection(body.PlatformKey);
        var issued = connection is null ? null : await company.IssueLinkCode(connection.Id);
        return issued is null
            ? ApiErrors.CompanyNotFound(companyId)
            : Results.Json(responses.Connection(companyId, issued), ApiJson.Options);
    }

    private static async Task<IResult> RenewLinkCode(string companyId, string connectionId, HttpContext http, IGrainFactory grains, CompanyResponses responses)
    {
        var company = await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId);
        if (company is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        if (company.Connections.FirstOrDefault(c => c.Id == connectionId) is not { } connection)
        {
            return ConnectionNotFound(connectionId);
        }

        if (connection.Status is not (ConnectionStatus.PendingAuth or ConnectionStatus.Linked))
        {
            return ApiErrors.Conflict(
                $"Data connection {connectionId} is {connection.Status}; create a new connection to link the company again.");
        }

        var issued = await grains.GetGrain<ICompanyGrain>(companyId).IssueLinkCode(connectionId);
        return issued is null
            ? ConnectionNotFound(connectionId)
            : Results.Json(responses.Connection(companyId, issued), ApiJson.Options);
    }

    private static async Task<IResult> Get(string companyId, string connectionId, HttpContext http, IGrainFactory grains, CompanyResponses responses)
    {
        var company = await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId);
        if (company is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var connection = company.Connections.FirstOrDefault(c => c.Id == connectionId);
        return connection is null
            ? ConnectionNotFound(connectionId)
            : Results.Json(responses.Connection(companyId, connection, await ConnectorPauses.LoadAsync(grains, company)), ApiJson.Options);
    }

    private static async Task<IResult> Unlink(string companyId, string connectionId, HttpContext http, IGrainFactory grains, CompanyResponses responses)
    {
        var company = await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId);
        if (company is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        if (company.Connections.All(c => c.Id != connectionId))
        {
            return ConnectionNotFound(connectionId);
        }

        var read = await JsonBody.ReadAsync<UpdateConnectionStatusBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        if (body.Status != ConnectionStatus.Unlinked)
        {
            return ApiErrors.BadRequest("status", "status is required and must be 'Unlinked': a connection can only be unlinked through the API.");
        }

        var updated = await grains.GetGrain<ICompanyGrain>(companyId).SetConnectionStatus(connectionId, ConnectionStatus.Unlinked);
        return updated is null
            ? ConnectionNotFound(connectionId)
            : Results.Json(responses.Connection(companyId, updated), ApiJson.Options);
    }

    private static async Task<IResult> Delete(string companyId, string connectionId, HttpContext http, IGrainFactory grains)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var deleted = await grains.GetGrain<ICompanyGrain>(companyId).DeleteConnection(connectionId);
        return deleted is null ? ConnectionNotFound(connectionId) : Results.Ok();
    }

    public static IResult ConnectionNotFound(string connectionId) => ApiErrors.NotFound($"Data connection {connectionId} not found");
}
