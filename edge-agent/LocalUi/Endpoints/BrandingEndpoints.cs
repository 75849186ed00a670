using Ledgerlink.EdgeAgent.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>The tenant's logo, as the cluster sent it (type checked by its bytes on arrival); 404 without one.</summary>
internal static class BrandingEndpoints
{
    public static WebApplication MapBrandingEndpoints(this WebApplication app)
    {
        app.MapGet("/branding/logo", GetLogo);
        return app;
    }

    private static IResult GetLogo(BrandingCache branding) =>
        branding.Current is { Logo: { } logo, LogoContentType: { } type } ? Results.File(logo, type) : Results.NotFound();
}
