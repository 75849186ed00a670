using Ledgerlink.Agents;
using Ledgerlink.EdgeAgent.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>
/// Manage your data: the owner asks to reset or restore a company's synced data. Neither happens here: the cluster
/// emails the company's verified owner, who confirms from that email (and limits how often it may be sent).
/// </summary>
internal static class ManageDataEndpoints
{
    private const string NotConnected = "The agent is not connected to Ledgerlink; try again when it is Online.";

    /// <summary>The page's form names its button <c>action</c>; each value has its own request to the cluster.</summary>
    private static readonly Dictionary<string, DataRequest> Requests = new(StringComparer.Ordinal)
    {
        ["reset"] = RequestResetAsync,
        ["restore"] = RequestRestoreAsync,
    };

    private delegate Task<AgentDataChange> DataRequest(IAgentGatewayGrain gateway, AgentCredential credential, string companyId);

    public static WebApplication MapManageDataEndpoints(this WebApplication app)
    {
        app.MapGet("/manage", GetManageData);
        app.MapPost("/manage/{companyId}", PostManageData);
        return app;
    }

    private static IResult GetManageData(HttpRequest request, Pages pages, UiToken token) =>
        UiResults.Page(token, pages.ManageData(request.Query["error"], request.Query["info"]));

    private static async Task<IResult> PostManageData(string companyId, HttpContext context, AgentStatus status)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!Requests.TryGetValue(form["action"].ToString(), out var request))
        {
            return Results.BadRequest();
        }

        if (status.Current is not { Gateway: { } gateway, Credential: { } credential })
        {
            return UiResults.BackToManage(error: NotConnected);
        }

        try
        {
            var outcome = await request(gateway, credential, companyId);
            return outcome.OwnerEmailed
                ? UiResults.BackToManage(info: outcome.Reason)
                : UiResults.BackToManage(error: $"Nothing changed: {outcome.Reason}");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or AgentAccessDeniedException)
        {
            return UiResults.BackToManage(error: $"Ledgerlink did not accept that ({e.Message}).");
        }
    }

    private static Task<AgentDataChange> RequestResetAsync(IAgentGatewayGrain gateway, AgentCredential credential, string companyId) =>
        gateway.ResetCompanyData(credential, companyId, string.Empty);

    private static Task<AgentDataChange> RequestRestoreAsync(IAgentGatewayGrain gateway, AgentCredential credential, string companyId) =>
        gateway.RestoreCompanyData(credential, companyId, string.Empty);
}
