using Ledgerlink.Agents;
using Ledgerlink.EdgeAgent.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>Companies: each linked company's sync status and progress (also as JSON, which the open page follows), and its Pause, Resume and Sync now buttons.</summary>
internal static class CompaniesEndpoints
{
    private const string NotConnected = "The agent is not connected to Ledgerlink; try again when it is Online.";

    public static WebApplication MapCompaniesEndpoints(this WebApplication app)
    {
        app.MapGet("/companies", GetCompanies);
        app.MapGet("/api/companies", GetCompaniesStatus);
        app.MapPost("/companies/{companyId}/pause", PauseCompany);
        app.MapPost("/companies/{companyId}/resume", ResumeCompany);
        app.MapPost("/companies/{companyId}/sync", SyncCompanyNow);
        return app;
    }

    private static IResult GetCompanies(HttpRequest request, Pages pages, UiToken token) =>
        UiResults.Page(token, pages.Companies(request.Query["error"], request.Query["info"]));

    private static IResult GetCompaniesStatus(Pages pages) => Results.Json(pages.CompaniesStatus(), CompaniesJsonContext.Default.CompaniesBody);

    private static Task<IResult> PauseCompany(string companyId, AgentStatus status) =>
        WithGatewayAsync(status, async (gateway, credential) =>
        {
            await gateway.PauseCompany(credential, companyId);
            status.PauseChanged(companyId, paused: true);
            return UiResults.BackToCompanies(info: "Paused: its syncs wait until you resume.");
        });

    private static Task<IResult> ResumeCompany(string companyId, AgentStatus status) =>
        WithGatewayAsync(status, async (gateway, credential) =>
        {
            await gateway.ResumeCompany(credential, companyId);
            status.PauseChanged(companyId, paused: false);
            return UiResults.BackToCompanies(info: "Resumed.");
        });

    private static Task<IResult> SyncCompanyNow(string companyId, AgentStatus status) =>
        WithGatewayAsync(status, async (gateway, credential) =>
        {
            var queued = await gateway.SyncNow(credential, companyId);
            return UiResults.BackToCompanies(info: $"Sync started for {queued} data types.");
        });

    /// <summary>Every button asks the cluster; without a connection, or when the cluster refuses, the page says so.</summary>
    private static async Task<IResult> WithGatewayAsync(AgentStatus status, Func<IAgentGatewayGrain, AgentCredential, Task<IResult>> call)
    {
        if (status.Current is not { Gateway: { } gateway, Credential: { } credential })
        {
            return UiResults.BackToCompanies(error: NotConnected);
        }

        try
        {
            return await call(gateway, credential);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or AgentAccessDeniedException)
        {
            return UiResults.BackToCompanies(error: $"Ledgerlink did not accept that ({e.Message}).");
        }
    }
}
