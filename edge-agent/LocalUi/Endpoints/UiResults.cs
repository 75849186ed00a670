using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>The answers every page and action of the local UI gives: a tokened page, or a redirect back with a message.</summary>
internal static class UiResults
{
    /// <summary>A page whose forms carry the install's token and whose response sets the token cookie.</summary>
    public static IResult Page(UiToken token, string html, int statusCode = StatusCodes.Status200OK) =>
        new TokenedPage(token.AddToForms(html), statusCode, token);

    public static IResult BackToCompanies(string? error = null, string? info = null) => Back("/companies", error, info);

    public static IResult BackToManage(string? error = null, string? info = null) => Back("/manage", error, info);

    private static IResult Back(string path, string? error, string? info) =>
        Results.Redirect(path + "?" + (error is null ? "info=" + Uri.EscapeDataString(info ?? string.Empty) : "error=" + Uri.EscapeDataString(error)));

    private sealed class TokenedPage(string html, int statusCode, UiToken token) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            token.SetCookie(httpContext.Response);
            return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode).ExecuteAsync(httpContext);
        }
    }
}
