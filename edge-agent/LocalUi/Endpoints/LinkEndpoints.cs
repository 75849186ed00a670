using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>
/// Link a company: the form (Sage's companies, or a data directory and login, with the licence key and link code), the
/// check that opens the Sage data and shows what it found, and the confirmation that links it and starts its first sync.
/// </summary>
internal static class LinkEndpoints
{
    public static WebApplication MapLinkEndpoints(this WebApplication app)
    {
        app.MapGet("/link", GetLink);
        app.MapPost("/link/check", CheckLink);
        app.MapPost("/link/confirm", ConfirmLink);
        return app;
    }

    private static IResult GetLink(HttpRequest request, SageCompanyFileLocation companyFile, Pages pages, UiToken token) =>
        UiResults.Page(token, pages.Link(companyFile.Folders(), companyFile.Path, null, dataDirectory: request.Query["dataDirectory"]));

    private static async Task<IResult> CheckLink(HttpContext context, SageCompanyFileLocation companyFile, LinkWizard wizard, Pages pages, UiToken token)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string licence = form["licence"].ToString(), code = form["code"].ToString(), dataDirectory = form["dataDirectory"].ToString(), user = form["user"].ToString();
        var check = await wizard.CheckAsync(licence, code, dataDirectory, user, form["password"].ToString(), context.RequestAborted);
        return check is { Token: { } checkToken, Details: { } details }
            ? UiResults.Page(token, pages.Confirm(checkToken, licence.Trim(), Path.GetFullPath(dataDirectory.Trim()), details))
            : UiResults.Page(token, pages.Link(companyFile.Folders(), companyFile.Path, check.Error, licence, dataDirectory, user, code), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ConfirmLink(HttpContext context, SageCompanyFileLocation companyFile, LinkWizard wizard, Pages pages, UiToken token)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var result = await wizard.ConfirmAsync(form["token"].ToString(), context.RequestAborted);
        if (!result.Linked)
        {
            return UiResults.Page(token, pages.Link(companyFile.Folders(), companyFile.Path, result.Error), StatusCodes.Status400BadRequest);
        }

        var info = result.Error ?? $"Linked {result.ProductName ?? "the company"}; its first sync has started ({result.SyncsStarted} data types).";
        return Results.Redirect("/companies?info=" + Uri.EscapeDataString(info));
    }
}
