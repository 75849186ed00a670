using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Supervision;
using Ledgerlink.EdgeAgent.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>About: the connector id, version and cluster connection, as a page and as JSON for scripts and tests.</summary>
internal static class AboutEndpoints
{
    public static WebApplication MapAboutEndpoints(this WebApplication app)
    {
        app.MapGet("/", RedirectToAbout);
        app.MapGet("/about", GetAbout);
        app.MapGet("/api/status", GetStatus);
        return app;
    }

    private static IResult RedirectToAbout() => Results.Redirect("/about");

    private static IResult GetAbout(Pages pages, UiToken token) => UiResults.Page(token, pages.About());

    private static IResult GetStatus(AgentStatus status, UpdateStatus updates, WorkerGeneration generation)
    {
        var now = status.Current;
        return Results.Json(new StatusBody(now.ConnectorId, AgentVersion.Current, Environment.ProcessId, now.State.ToString(), now.RestartLinkEnabled,
            [.. now.CompanyIds], [.. now.PausedCompanyIds], UpdateStateView.Text(now, updates.Current), generation.WorkerId), LocalUiJsonContext.Default.StatusBody);
    }
}
