using Ledgerlink.Branding;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// The calling tenant's branding for an integration: Codat's <c>GET /integrations/{platformKey}/branding</c> shape,
/// plus <c>PUT</c> and <c>DELETE</c> (ours) and the logo image itself. Ledgerlink has one integration (Sage 50,
/// <c>hbql</c>), so the branding is the tenant's, shown on its link pages and in its small businesses' agents.
/// </summary>
public static class BrandingEndpoints
{
    public static RouteGroupBuilder MapBranding(this RouteGroupBuilder api)
    {
        var branding = api.MapGroup("/integrations/{platformKey}/branding").WithTags("Integrations");
        branding.MapGet("/", Get).WithName("get-integrations-branding").Produces<BrandingResponse>();
        branding.MapPut("/", Put).WithName("put-integrations-branding").Accepts<BrandingBody>("application/json").Produces<BrandingResponse>();
        branding.MapDelete("/", Delete).WithName("delete-integrations-branding").Produces(StatusCodes.Status204NoContent);
        branding.MapGet("/logo", Logo).WithName("get-integrations-branding-logo").Produces(StatusCodes.Status200OK, contentType: BrandingRules.Png);
        return api;
    }

    private static async Task<IResult> Get(string platformKey, HttpContext http, IGrainFactory grains, ApiLinks links)
    {
        if (UnknownIntegration(platformKey) is { } notFound)
        {
            return notFound;
        }

        var branding = await grains.GetGrain<ITenantBrandingGrain>(http.User.Caller().TenantId).Get();
        return Results.Json(Describe(branding, links), ApiJson.Options);
    }

    private static async Task<IResult> Put(string platformKey, HttpContext http, IGrainFactory grains, ApiLinks links)
    {
        if (UnknownIntegration(platformKey) is { } notFound)
        {
            return notFound;
        }

        var read = await JsonBody.ReadAsync<BrandingBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        byte[]? logo = null;
        if (body.Logo is not null)
        {
            // Decoded before any other check, so a logo that is not base64 is named as such, not as a wrong image type.
            var buffer = new byte[(body.Logo.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(body.Logo, buffer, out var written))
            {
                return ApiErrors.BadRequest("logo", "logo must be the image's bytes in base64.");
            }

            logo = buffer[..written];
        }

        var supportContact = string.IsNullOrWhiteSpace(body.SupportContact) ? null : body.SupportContact.Trim();
        var problems = BrandingRules.Check(body.DisplayName?.Trim(), body.PrimaryColor, supportContact, logo);
        if (problems.Count > 0)
        {
            return ApiErrors.BadRequest([.. problems.Select(p => new CodatValidationItem(p.Field, p.Message, "Request"))]);
        }

        var saved = await grains.GetGrain<ITenantBrandingGrain>(http.User.Caller().TenantId)
            .Set(body.DisplayName!.Trim(), body.PrimaryColor!, supportContact, logo);
        return Results.Json(Describe(saved, links), ApiJson.Options);
    }

    private static async Task<IResult> Delete(string platformKey, HttpContext http, IGrainFactory grains)
    {
        if (UnknownIntegration(platformKey) is { } notFound)
        {
            return notFound;
        }

        await grains.GetGrain<ITenantBrandingGrain>(http.User.Caller().TenantId).Clear();
        return Results.NoContent();
    }

    private static async Task<IResult> Logo(string platformKey, HttpContext http, IGrainFactory grains)
    {
        if (UnknownIntegration(platformKey) is { } notFound)
        {
            return notFound;
        }

        return await grains.GetGrain<ITenantBrandingGrain>(http.User.Caller().TenantId).Get() is { Logo: { } logo, LogoContentType: { } type }
            ? Results.File(logo, type)
            : ApiErrors.NotFound("This tenant's branding has no logo.");
    }

    private static IResult? UnknownIntegration(string platformKey) =>
        platformKey == Sage50Integration.PlatformKey ? null : ApiErrors.NotFound($"Integration {platformKey} not found");

    private static BrandingResponse Describe(TenantBranding? branding, ApiLinks links)
    {
        if (branding is null)
        {
            return new BrandingResponse(null, null, Sage50Integration.SourceId, null, BrandingRules.NeutralColor, null, IsDefault: true, null);
        }

        BrandingLogo? logo = null;
        if (branding.Logo is not null)
        {
            // The tag in the query makes the address change with the image, so a cached copy is never stale.
            var image = new BrandingImage(new ImageReference(
                links.Absolute($"/integrations/{Sage50Integration.PlatformKey}/branding/logo?v={branding.Tag}"), $"{branding.DisplayName} logo"));
            logo = new BrandingLogo(image, image);
        }

        return new BrandingResponse(
            logo, null, Sage50Integration.SourceId, branding.DisplayName, branding.PrimaryColor, branding.SupportContact, IsDefault: false, branding.Modified);
    }
}
