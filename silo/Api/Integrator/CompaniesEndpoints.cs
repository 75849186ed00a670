using Ledgerlink.Companies;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;
using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>Codat's company operations: create, list (paged, <c>query</c>, <c>tags</c>, <c>orderBy</c>), get, replace, update, delete.</summary>
public static class CompaniesEndpoints
{
    private static readonly Dictionary<string, Func<CompanyInfo, string?>> QueryFields = new()
    {
        ["id"] = c => c.Id,
        ["name"] = c => c.Profile.Name,
        ["description"] = c => c.Profile.Description,
        ["created"] = c => c.Created.ToString("o"),
        ["lastSync"] = c => c.LastSync?.ToString("o"),
    };

    private static readonly Dictionary<string, Func<CompanyInfo, IComparable?>> OrderFields = new()
    {
        ["name"] = c => c.Profile.Name,
        ["created"] = c => c.Created,
        ["lastSync"] = c => c.LastSync,
        ["id"] = c => c.Id,
    };

    public static RouteGroupBuilder MapCompanies(this RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/companies").WithTags("Companies");
        companies.MapGet("/", List).WithName("list-companies").Produces<PagedResponse<CompanyResponse>>();
        companies.MapPost("/", Create).WithName("create-company").Accepts<CompanyRequestBody>("application/json").Produces<CompanyResponse>();
        companies.MapGet("/{companyId}", Get).WithName("get-company").Produces<CompanyResponse>();
        companies.MapPut("/{companyId}", Replace).WithName("replace-company").Accepts<CompanyRequestBody>("application/json").Produces<CompanyResponse>();
        companies.MapPatch("/{companyId}", Update).WithName("update-company").Accepts<CompanyRequestBody>("application/json").Produces<CompanyResponse>();
        companies.MapDelete("/{companyId}", Delete).WithName("delete-company").Produces(StatusCodes.Status204NoContent);
        return api;
    }

    private static async Task<IResult> List(HttpContext http, PageQuery paging, IGrainFactory grains, CompanyResponses responses)
    {
        var tagFilter = http.Request.Query["tags"].ToString();
        var selection = paging.Select(QueryFields, OrderFields, alsoMatching: CodatQuery.Parse<CompanyInfo>(
            string.IsNullOrWhiteSpace(tagFilter) ? null : tagFilter,
            tag => tag.Length is > 0 and <= 27 ? company => company.Profile.Tags.GetValueOrDefault(tag) : null,
            "any tag name (1-27 characters)",
            "tags"));
        if (!selection.TryGetValue(out var selected))
        {
            return selection.Error;
        }

        var caller = http.User.Caller();
        var summaries = await grains.GetGrain<ITenantGrain>(caller.TenantId).ListCompanies();
        var found = await Task.WhenAll(summaries.Select(s => grains.GetGrain<ICompanyGrain>(s.Id).Get()));
        var ordered = selected.Apply(found.OfType<CompanyInfo>().Where(c => c.TenantId == caller.TenantId));
        var pauses = await ConnectorPauses.LoadAsync(grains, ordered);
        return Results.Json(selected.Respond(ordered.Select(c => responses.Company(c, pauses)).ToList(), http.Request), ApiJson.Options);
    }

    private static async Task<IResult> Create(HttpContext http, IGrainFactory grains, CompanyResponses responses)
    {
        var read = await JsonBody.ReadAsync<CompanyRequestBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        var errors = CompanyValidation.Validate(body, nameRequired: true);
        if (errors.Count > 0)
        {
            return ApiErrors.BadRequest(errors);
        }

        var caller = http.User.Caller();
        var profile = new CompanyProfile(
            body.Name!.Trim(), body.Description, body.OwnerEmail, body.Tags ?? [], body.BankFeedsConnected ?? false);
        var company = await grains.GetGrain<ICompanyGrain>(Guid.NewGuid().ToString()).Create(caller.TenantId, profile);
        await grains.GetGrain<ITenantGrain>(caller.TenantId).AddCompany(new CompanySummary(company.Id, company.Profile.Name, company.Created));
        return Results.Json(responses.Company(company), ApiJson.Options);
    }

    private static async Task<IResult> Get(string companyId, HttpContext http, IGrainFactory grains, CompanyResponses responses)
    {
        var company = await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId);
        return company is null
            ? ApiErrors.CompanyNotFound(companyId)
            : Results.Json(responses.Company(company, await ConnectorPauses.LoadAsync(grains, company)), ApiJson.Options);
    }

    private static Task<IResult> Replace(string companyId, HttpContext http, IGrainFactory grains, CompanyResponses responses) =>
        Change(companyId, http, grains, responses, replace: true);

    private static Task<IResult> Update(string companyId, HttpContext http, IGrainFactory grains, CompanyResponses responses) =>
        Change(companyId, http, grains, responses, replace: false);

    private static async Task<IResult> Change(
        string companyId, HttpContext http, IGrainFactory grains, CompanyResponses responses, bool replace)
    {
        var caller = http.User.Caller();
        var company = await CompanyAccess.FindOwnedAsync(grains, caller, companyId);
        if (company is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var read = await JsonBody.ReadAsync<CompanyRequestBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        // The owner email may change; the company then emails the new address to verify it, tells the previous one,
        // and refuses resets for 24 hours, so changing the owner is no shortcut to wiping the data.
        var errors = CompanyValidation.Validate(body, nameRequired: replace);
        if (errors.Count > 0)
        {
            return ApiErrors.BadRequest(errors);
        }

        var current = company.Profile;
        var profile = replace
            ? new CompanyProfile(body.Name!.Trim(), body.Description, body.OwnerEmail ?? current.OwnerEmail, body.Tags ?? [],
                body.BankFeedsConnected ?? current.BankFeedsConnected)
            : new CompanyProfile(
                body.Name?.Trim() ?? current.Name,
                body.Description ?? current.Description,
                body.OwnerEmail ?? current.OwnerEmail,
                body.Tags ?? current.Tags,
                body.BankFeedsConnected ?? current.BankFeedsConnected);
        var updated = await grains.GetGrain<ICompanyGrain>(companyId).UpdateProfile(profile);
        if (updated is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        await grains.GetGrain<ITenantGrain>(caller.TenantId).AddCompany(new CompanySummary(updated.Id, updated.Profile.Name, updated.Created));
        return Results.Json(responses.Company(updated, await ConnectorPauses.LoadAsync(grains, updated)), ApiJson.Options);
    }

    private static async Task<IResult> Delete(string companyId, HttpContext http, IGrainFactory grains)
    {
        var caller = http.User.Caller();
        if (await CompanyAccess.FindOwnedAsync(grains, caller, companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        await grains.GetGrain<ICompanyGrain>(companyId).Delete();
        await grains.GetGrain<ITenantGrain>(caller.TenantId).RemoveCompany(companyId);
        return Results.NoContent();
    }

}
