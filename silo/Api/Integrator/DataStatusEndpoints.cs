using Ledgerlink.Companies;
using Ledgerlink.Grains.PullOperations;
using Ledgerlink.PullOperations;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>Codat's data status and pull operation history, plus cancelling a queued or running pull operation.</summary>
public static class DataStatusEndpoints
{
    private static readonly Dictionary<string, Func<PullOperationInfo, string?>> QueryFields = new()
    {
        ["id"] = p => p.Id,
        ["dataType"] = p => p.DataType,
        ["status"] = p => p.Status.ToString(),
        ["connectionId"] = p => p.ConnectionId,
        ["requested"] = p => p.Requested.ToString("o"),
    };

    private static readonly Dictionary<string, Func<PullOperationInfo, IComparable?>> OrderFields = new()
    {
        ["requested"] = p => p.Requested,
        ["completed"] = p => p.Completed,
        ["dataType"] = p => p.DataType,
        ["status"] = p => p.Status.ToString(),
    };

    public static RouteGroupBuilder MapDataStatus(this RouteGroupBuilder api)
    {
        var company = api.MapGroup("/companies/{companyId}").WithTags("Refresh data");
        company.MapGet("/dataStatus", GetDataStatus).WithName("get-company-data-status").Produces<Dictionary<string, DataStatusResponse>>();
        company.MapGet("/data/history", ListPullOperations).WithName("list-pull-operations").Produces<PagedResponse<PullOperationResponse>>();
        company.MapGet("/data/history/{datasetId}", GetPullOperation).WithName("get-pull-operation").Produces<PullOperationResponse>();
        company.MapPost("/data/history/{datasetId}/cancel", CancelPullOperation).WithName("cancel-pull-operation").Produces<PullOperationResponse>();
        return api;
    }

    private static async Task<IResult> GetDataStatus(string companyId, HttpContext http, IGrainFactory grains)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var statuses = await grains.GetGrain<ICompanyGrain>(companyId).GetDataStatus();
        return Results.Json(statuses.ToDictionary(s => s.DataType, DataStatusResponse.From), ApiJson.Options);
    }

    private static async Task<IResult> ListPullOperations(string companyId, HttpContext http, PageQuery paging, IGrainFactory grains)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var selection = paging.Select(QueryFields, OrderFields);
        if (!selection.TryGetValue(out var selected))
        {
            return selection.Error;
        }

        var ids = await grains.GetGrain<ICompanyGrain>(companyId).GetHistory();
        // A queued operation has written nothing of its own yet: it answers from its company's record, as it would itself.
        var operations = await Task.WhenAll(ids.Select(id => PullOperationLookup.FindAsync(grains, id, companyId)));
        var ordered = selected.Apply(operations.OfType<PullOperationInfo>());
        return Results.Json(selected.Respond(ordered.Select(PullOperationResponse.From).ToList(), http.Request), ApiJson.Options);
    }

    private static async Task<IResult> GetPullOperation(string companyId, string datasetId, HttpContext http, IGrainFactory grains)
    {
        var found = await FindOperationAsync(companyId, datasetId, http, grains);
        return found.Refused ? found.Error : Results.Json(PullOperationResponse.From(found.Value), ApiJson.Options);
    }

    private static async Task<IResult> CancelPullOperation(string companyId, string datasetId, HttpContext http, IGrainFactory grains)
    {
        var found = await FindOperationAsync(companyId, datasetId, http, grains);
        if (!found.TryGetValue(out var operation))
        {
            return found.Error;
        }

        if (!operation.Status.IsInProgress())
        {
            return ApiErrors.Conflict($"Pull operation {datasetId} is {operation.Status}; only a Queued or Fetching one can be cancelled.");
        }

        var caller = http.User.Caller();
        var cancelled = await grains.GetGrain<IPullOperationGrain>(datasetId).Cancel($"Cancelled through the API by key {caller.KeyId}");
        return Results.Json(PullOperationResponse.From(cancelled), ApiJson.Options);
    }

    private static async Task<Checked<PullOperationInfo>> FindOperationAsync(
        string companyId, string datasetId, HttpContext http, IGrainFactory grains)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return Checked<PullOperationInfo>.Refuse(ApiErrors.CompanyNotFound(companyId));
        }

        var operation = CompanyAccess.IsPlausibleId(datasetId) ? await PullOperationLookup.FindAsync(grains, datasetId, companyId) : null;
        return operation is not null && operation.CompanyId == companyId
            ? operation
            : Checked<PullOperationInfo>.Refuse(ApiErrors.NotFound($"Dataset {datasetId} not found for company {companyId}"));
    }
}
