using Ledgerlink.Companies;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// Reset and restore of a company's synced data (Ledgerlink's, after Sage's "reset or restore your business data"), the
/// company's data audit log and its data generations. Reset and restore need the owner's email in the body; both take
/// constant time, since they move the company between data generations instead of copying or deleting data.
/// </summary>
public static class DataResetEndpoints
{
    private static readonly Dictionary<string, Func<DataAuditEntry, string?>> AuditQueryFields = new()
    {
        ["id"] = e => e.Id,
        ["action"] = e => e.Action.ToString(),
        ["actor"] = e => e.Actor,
        ["at"] = e => e.At.ToString("o"),
    };

    private static readonly Dictionary<string, Func<DataAuditEntry, IComparable?>> AuditOrderFields = new()
    {
        ["at"] = e => e.At,
        ["action"] = e => e.Action.ToString(),
    };

    public static RouteGroupBuilder MapDataReset(this RouteGroupBuilder api)
    {
        var data = api.MapGroup("/companies/{companyId}/data").WithTags("Reset and restore data");
        data.MapPost("/reset", Reset).WithName("reset-company-data")
            .Accepts<DataChangeRequestBody>("application/json").Produces<DataChangeResponse>();
        data.MapPost("/restore", Restore).WithName("restore-company-data")
            .Accepts<DataChangeRequestBody>("application/json").Produces<DataChangeResponse>();
        data.MapGet("/audit", Audit).WithName("list-company-data-audit").Produces<PagedResponse<DataAuditEntryResponse>>();
        data.MapGet("/generations", Generations).WithName("get-company-data-generations").Produces<DataGenerationsResponse>();
        return api;
    }

    private static Task<IResult> Reset(string companyId, HttpContext http, IGrainFactory grains) =>
        Change(companyId, http, grains, (company, request) => company.ResetData(request));

    private static Task<IResult> Restore(string companyId, HttpContext http, IGrainFactory grains) =>
        Change(companyId, http, grains, (company, request) => company.RestoreData(request));

    private static async Task<IResult> Change(
        string companyId, HttpContext http, IGrainFactory grains, Func<ICompanyGrain, DataChangeRequest, Task<DataChangeOutcome>> change)
    {
        var caller = http.User.Caller();
        if (await CompanyAccess.FindOwnedAsync(grains, caller, companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var (body, bodyError) = await JsonBody.ReadAsync<DataChangeRequestBody>(http.Request, http.RequestAborted);
        if (body is null)
        {
            return bodyError!;
        }

        if (string.IsNullOrWhiteSpace(body.OwnerEmail))
        {
            return ApiErrors.BadRequest("ownerEmail", "Confirm with the company owner's email address: {\"ownerEmail\": \"...\"}.");
        }

        var outcome = await change(grains.GetGrain<ICompanyGrain>(companyId), new DataChangeRequest(body.OwnerEmail, $"api key {caller.KeyId}"));
        if (outcome is { Entry: { } entry, Generations: { } generations })
        {
            return Results.Json(DataChangeResponse.From(companyId, entry, generations), ApiJson.Options);
        }

        var reason = outcome.Reason ?? "The request was refused.";
        return outcome.Refusal switch
        {
            DataChangeRefusal.CompanyNotFound => ApiErrors.CompanyNotFound(companyId),
            DataChangeRefusal.NoOwner or DataChangeRefusal.NotOwner => ApiErrors.Forbidden(reason),
            _ => ApiErrors.Conflict(reason),
        };
    }

    private static async Task<IResult> Audit(string companyId, HttpContext http, IGrainFactory grains)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var (page, pageError) = PageRequest.Parse(http.Request);
        if (page is null)
        {
            return pageError!;
        }

        var (matches, queryError) = CodatQuery.Parse(page.Query, AuditQueryFields);
        if (matches is null)
        {
            return queryError!;
        }

        var entries = (await grains.GetGrain<ICompanyGrain>(companyId).GetDataAudit()).Where(matches).ToList();
        var (ordered, orderError) = Ordering.Apply(entries, page.OrderBy, AuditOrderFields);
        if (ordered is null)
        {
            return orderError!;
        }

        return Results.Json(page.Apply(ordered.Select(DataAuditEntryResponse.From).ToList(), http.Request), ApiJson.Options);
    }

    private static async Task<IResult> Generations(string companyId, HttpContext http, IGrainFactory grains)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var info = await grains.GetGrain<ICompanyGrain>(companyId).GetDataGenerations();
        return info is null ? ApiErrors.CompanyNotFound(companyId) : Results.Json(DataGenerationsResponse.From(info), ApiJson.Options);
    }
}
