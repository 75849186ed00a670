using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>Licence: the product name and licence key of every linked company.</summary>
internal static class LicenceEndpoints
{
    public static WebApplication MapLicenceEndpoints(this WebApplication app)
    {
        app.MapGet("/licence", GetLicence);
        return app;
    }

    private static IResult GetLicence(Pages pages, UiToken token) => UiResults.Page(token, pages.Licence());
}
