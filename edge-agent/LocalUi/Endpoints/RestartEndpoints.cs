using Ledgerlink.Agents;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Supervision;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>Restart connector: only while support has enabled it for this connector; the cluster may still refuse.</summary>
internal static class RestartEndpoints
{
    public static WebApplication MapRestartEndpoints(this WebApplication app)
    {
        app.MapPost("/restart", PostRestart);
        return app;
    }

    private static async Task<IResult> PostRestart(HttpContext context, AgentStatus status, RestartCoordinator restarts, BrandingCache branding, Pages pages, UiToken token)
    {
        if (!status.Current.RestartLinkEnabled)
        {
            return UiResults.Page(token, Html.Page("Restart connector", Html.Message("Restarting the connector is only possible while Ledgerlink support has enabled it.", null), false, branding.Current),
                StatusCodes.Status403Forbidden);
        }

        try
        {
            var cancelled = await restarts.RestartAsync("the user pressed Restart connector", context.RequestAborted);
            return UiResults.Page(token, pages.Restarting(cancelled));
        }
        catch (AgentAccessDeniedException e)
        {
            return UiResults.Page(token, Html.Page("Restart connector", Html.Message($"Ledgerlink refused the restart ({e.Message}).", null), false, branding.Current),
                StatusCodes.Status403Forbidden);
        }
    }
}
