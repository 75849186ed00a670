using Ledgerlink.Companies;
using Ledgerlink.Confirmations;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// Reset and restore of a company's synced data (Ledgerlink's, after Sage's "reset or restore your business data"), the
/// company's data audit log and its data generations. Reset and restore only ask: the owner confirms from an email
/// (<see cref="Owner.OwnerConfirmationPages"/>), and the change then takes constant time, since it moves the company
/// between data generations instead of copying or deleting data.
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
        data.MapPost("/reset", Reset).WithName("reset-company-data").Produces<OwnerConfirmationResponse>(StatusCodes.Status202Accepted);
        data.MapPost("/restore", Restore).WithName("restore-company-data").Produces<OwnerConfirmationResponse>(StatusCodes.Status202Accepted);
        api.MapPost("/companies/{companyId}/ownerVerification", VerifyOwner).WithTags("Reset and restore data")
            .WithName("request-owner-verification").Produces<OwnerConfirmationResponse>(StatusCodes.Status202Accepted);
        data.MapGet("/confirmations/{confirmationId}", Confirmation).WithName("get-company-data-confirmation")
            .Produces<OwnerConfirmationResponse>();
        data.MapGet("/audit", Audit).WithName("list-company-data-audit").Produces<PagedResponse<DataAuditEntryResponse>>();
        data.MapGet("/generations", Generations).WithName("get-company-data-generations").Produces<DataGenerationsResponse>();
        return api;
    }

    private static Task<IResult> Reset(string companyId, HttpContext http, IGrainFactory grains) =>
        Request(companyId, http, grains, OwnerAction.ResetData);

    private static Task<IResult> Restore(string companyId, HttpContext http, IGrainFactory grains) =>
        Request(companyId, http, grains, OwnerAction.RestoreData);

    /// <summary>
    /// Nothing changes here: the owner is emailed a one-time link and code, and the integrator gets 202 with the
    /// confirmation to poll. The body is not needed (an old client's <c>{"ownerEmail": …}</c> is ignored).
    /// </summary>
    private static async Task<IResult> Request(string companyId, HttpContext http, IGrainFactory grains, OwnerAction action)
    {
        var caller = http.User.Caller();
        if (await CompanyAccess.FindOwnedAsync(grains, caller, companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var company = grains.GetGrain<ICompanyGrain>(companyId);
        var actor = $"api key {caller.KeyId}";
        var requested = action == OwnerAction.VerifyOwner
            ? await company.RequestOwnerVerification(actor)
            : await company.RequestOwnerConfirmation(action, actor);
        if (requested.Confirmation is { } confirmation)
        {
            http.Response.Headers.Location = $"/companies/{companyId}/data/confirmations/{confirmation.Id}";
            return Results.Json(OwnerConfirmationResponse.From(confirmation), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
        }

        var reason = requested.Reason ?? "The request was refused.";
        return requested.Refusal switch
        {
            DataChangeRefusal.CompanyNotFound => ApiErrors.CompanyNotFound(companyId),
            DataChangeRefusal.TooManyRequests => ApiErrors.Create(StatusCodes.Status429TooManyRequests, reason, canBeRetried: "True"),
            DataChangeRefusal.MailUnavailable => ApiErrors.Unavailable(reason),
            _ => ApiErrors.Conflict(reason),
        };
    }

    /// <summary>Emails the owner's (unverified) address its verification again, e.g. when the first email was lost.</summary>
    private static Task<IResult> VerifyOwner(string companyId, HttpContext http, IGrainFactory grains) =>
        Request(companyId, http, grains, OwnerAction.VerifyOwner);

    private static async Task<IResult> Confirmation(string companyId, string confirmationId, HttpContext http, IGrainFactory grains)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        if (!Guid.TryParse(confirmationId, out _))
        {
            return ApiErrors.BadRequest("confirmationId", $"confirmationId '{(confirmationId.Length > 64 ? confirmationId[..64] + "…" : confirmationId)}' is not a confirmation id (a GUID, as returned by reset or restore).");
        }

        var info = await grains.GetGrain<IOwnerConfirmationGrain>(confirmationId).Get();
        return info is null || info.CompanyId != companyId
            ? ApiErrors.NotFound($"Confirmation {confirmationId} not found")
            : Results.Json(OwnerConfirmationResponse.From(info), ApiJson.Options);
    }

    private static async Task<IResult> Audit(string companyId, HttpContext http, PageQuery paging, IGrainFactory grains)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var selection = paging.Select(AuditQueryFields, AuditOrderFields);
        if (!selection.TryGetValue(out var selected))
        {
            return selection.Error;
        }

        var ordered = selected.Apply(await grains.GetGrain<ICompanyGrain>(companyId).GetDataAudit());
        return Results.Json(selected.Respond(ordered.Select(DataAuditEntryResponse.From).ToList(), http.Request), ApiJson.Options);
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
