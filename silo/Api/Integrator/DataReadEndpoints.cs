using System.Text.Json;
using Azure;
using Ledgerlink.Companies;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.DataReads;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// Reads of synced data, paged as Codat's accounting API pages them (<c>page</c>, <c>pageSize</c>, <c>query</c>,
/// <c>orderBy</c>; envelope <c>results</c>, <c>pageNumber</c>, <c>pageSize</c>, <c>totalResults</c>, <c>_links</c>).
/// Only the committed dataset of the company's current data generation is served: a sync in progress or cancelled is
/// never visible, and the previous dataset stays readable until the next one commits.
/// </summary>
public static class DataReadEndpoints
{
    public static RouteGroupBuilder MapDataReads(this RouteGroupBuilder api)
    {
        var data = api.MapGroup("/companies/{companyId}/data").WithTags("Read data");
        data.MapGet("/{dataType}", List).WithName("list-company-data").Produces<PagedResponse<JsonElement>>();
        return api;
    }

    private static async Task<IResult> List(
        string companyId, string dataType, HttpContext http, IGrainFactory grains, DatasetPageReader reader)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        if (ReadableDataTypes.Resolve(dataType) is not { } key)
        {
            return ApiErrors.BadRequest("dataType",
                $"dataType '{dataType}' is not a data type Ledgerlink reads from Sage 50; supported: {ReadableDataTypes.Listing}.");
        }

        var (page, pageError) = PageRequest.Parse(http.Request);
        if (page is null)
        {
            return pageError!;
        }

        var (query, queryError) = ParseQuery(page);
        if (query is null)
        {
            return queryError!;
        }

        var target = await grains.GetGrain<ICompanyGrain>(companyId).GetReadTarget(key);
        if (target is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        if (target.Dataset is not { } dataset)
        {
            return target.NeverSynced
                ? ApiErrors.Conflict(
                    $"The {key} dataset of company {companyId} has not been synced yet. Queue it with POST " +
                    $"/companies/{companyId}/data/queue/{key} and read it once its data status is Complete.")
                : Results.Json(PagedResponse<JsonElement>.Create([], page, 0, http.Request), ApiJson.Options);
        }

        DatasetPage result;
        try
        {
            result = await reader.ReadAsync(dataset, query, http.RequestAborted);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // The dataset was deleted with a retired generation between finding and reading it: the pointer is newer now.
            return ApiErrors.Unavailable($"The {key} dataset changed while it was being read; retry the request.");
        }

        var total = (int)Math.Min(result.TotalResults, int.MaxValue);
        return Results.Json(PagedResponse<JsonElement>.Create(result.Records, page, total, http.Request), ApiJson.Options);
    }

    private static (DatasetPageQuery? Query, IResult? Error) ParseQuery(PageRequest page)
    {
        var (filter, filterError) = CodatQuery.Parse<JsonElement>(
            page.Query,
            field => RecordFields.IsWellFormed(field) ? record => RecordFields.Text(record, field) : null,
            RecordFields.Description,
            "query");
        if (filter is null)
        {
            return (null, filterError);
        }

        string? orderBy = null;
        var descending = false;
        if (page.OrderBy is { } raw)
        {
            descending = raw.StartsWith('-');
            orderBy = raw.TrimStart('-', '+').Trim();
            if (!RecordFields.IsWellFormed(orderBy))
            {
                return (null, ApiErrors.BadRequest("orderBy",
                    $"orderBy cannot sort on '{orderBy}'; name a field of the record ({RecordFields.Description}), '-' first for descending."));
            }
        }

        var skip = (long)(page.Page - 1) * page.PageSize;
        return (new DatasetPageQuery(skip, page.PageSize, page.Query is null ? null : filter, orderBy, descending), null);
    }
}
