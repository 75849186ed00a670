using Ledgerlink.EdgeAgent.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>The style sheet every page links, in the current branding's colours.</summary>
internal static class StylesheetEndpoints
{
    public static WebApplication MapStylesheetEndpoints(this WebApplication app)
    {
        app.MapGet(Stylesheet.Path, GetStylesheet);
        return app;
    }

    private static IResult GetStylesheet(BrandingCache branding) => Results.Text(Stylesheet.For(branding.Current), "text/css; charset=utf-8");
}
