using Ledgerlink.Companies;
using Ledgerlink.DataTypes;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// Codat's refresh operations. A refresh is recorded durably and answered at once (<c>Queued</c>); it reaches the agent
/// as soon as the company's connector is online. A data type already Queued or Fetching is refused with 409.
/// </summary>
public static class RefreshEndpoints
{
    public static RouteGroupBuilder MapRefresh(this RouteGroupBuilder api)
    {
        var data = api.MapGroup("/companies/{companyId}/data").WithTags("Refresh data");
        data.MapPost("/all", RefreshAll).WithName("refresh-company-data").Produces(StatusCodes.Status204NoContent);
        data.MapPost("/queue/{dataType}", RefreshDataType).WithName("refresh-data-type").Produces<PullOperationResponse>();
        return api;
    }

    private static async Task<IResult> RefreshAll(string companyId, HttpContext http, IGrainFactory grains)
    {
        var company = await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId);
        if (company is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var outcomes = await grains.GetGrain<ICompanyGrain>(companyId).QueueRefreshAll();
        if (outcomes.Any(o => o.Operation is not null))
        {
            return Results.NoContent();
        }

        var refusal = outcomes.FirstOrDefault(o => o.Refusal is not null);
        return refusal is null ? Results.NoContent() : Refused(companyId, "all", refusal);
    }

    private static async Task<IResult> RefreshDataType(string companyId, string dataType, HttpContext http, IGrainFactory grains)
    {
        var owned = await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId);
        if (owned is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        if (!DataTypeNames.IsSupported(dataType))
        {
            return ApiErrors.BadRequest("dataType",
                $"dataType '{dataType}' is not supported for Sage 50; supported: {string.Join(", ", DataTypeNames.All)}.");
        }

        var connectionId = http.Request.Query["connectionId"].ToString();
        if (connectionId.Length > 0 && owned.Connections.All(c => c.Id != connectionId))
        {
            return ConnectionsEndpoints.ConnectionNotFound(connectionId);
        }

        var fullSyncText = http.Request.Query["fullSync"].ToString();
        if (!TryParseFullSync(fullSyncText, out var fullSync))
        {
            return ApiErrors.BadRequest("fullSync", $"fullSync must be true or false, not '{fullSyncText}'.");
        }

        // Ours, not Codat's: fullSync=true reads and sends the whole data type even when a delta would do.
        var company = grains.GetGrain<ICompanyGrain>(companyId);
        var outcome = fullSync ? await company.QueueFullRefresh(dataType) : await company.QueueRefresh(dataType);
        return outcome.Operation is { } operation
            ? Results.Json(PullOperationResponse.From(operation), ApiJson.Options)
            : Refused(companyId, dataType, outcome);
    }

    private static bool TryParseFullSync(string text, out bool fullSync)
    {
        fullSync = false;
        return text.Length == 0 || bool.TryParse(text, out fullSync);
    }

    private static IResult Refused(string companyId, string dataType, RefreshOutcome outcome) => outcome.Refusal switch
    {
        RefreshRefusal.CompanyNotFound => ApiErrors.CompanyNotFound(companyId),
        RefreshRefusal.UnknownDataType => ApiErrors.BadRequest("dataType", outcome.Reason ?? $"dataType '{dataType}' is not supported."),
        RefreshRefusal.NoConnection => ApiErrors.BadRequest("connectionId",
            $"No connectionId to refresh from: {outcome.Reason ?? "the company has no Sage 50 connection."} " +
            $"Create one with POST /companies/{companyId}/connections."),
        _ => ApiErrors.Conflict(outcome.Reason ?? $"A refresh of {dataType} is already queued or in progress for company {companyId}."),
    };
}
