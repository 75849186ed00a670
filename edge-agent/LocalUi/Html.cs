using System.Net;
using System.Text;
using Ledgerlink.Branding;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// The pages' shared frame and small helpers; every value from outside goes through <see cref="E"/>. The frame carries
/// the tenant's branding (logo, name, colour, "provided by" and its support contact) or, without one, a neutral look.
/// </summary>
internal static class Html
{
    /// <summary>The menu: path and label; the page whose title is the label is marked current.</summary>
    private static readonly (string Path, string Label)[] Menu =
        [("/about", "About"), ("/licence", "Licence"), ("/companies", "Companies"), ("/link", "Link a company"), ("/manage", "Manage your data")];

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Page(string title, string body, bool restartLink, TenantBranding? branding = null)
    {
        var product = branding is null ? "Ledgerlink agent" : $"{branding.DisplayName} connector";
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(E(title)).Append(" · ").Append(E(product)).Append("</title>");

        // The style sheet carries the branding's colour; its tag in the URL makes a branding change a new sheet.
        page.Append("<link rel=\"stylesheet\" href=\"").Append(Stylesheet.Path).Append("?v=").Append(E(branding?.Tag ?? "neutral")).Append("\"></head><body>");
        page.Append("<header id=\"brand\">");
        if (branding?.Logo is not null)
        {
            page.Append("<img id=\"brand-logo\" src=\"/branding/logo?v=").Append(E(branding.Tag)).Append("\" alt=\"").Append(E(branding.DisplayName)).Append(" logo\">");
        }

        page.Append("<span id=\"brand-name\">").Append(E(branding?.DisplayName ?? "Sage 50 connector")).Append("</span>");
        page.Append("<nav>");
        foreach (var (path, label) in Menu)
        {
            page.Append("<a href=\"").Append(path).Append('"').Append(label == title ? " aria-current=\"page\"" : string.Empty).Append('>').Append(label).Append("</a>");
        }

        if (restartLink)
        {
            page.Append("<form class=\"inline\" method=\"post\" action=\"/restart\"><button id=\"restart\" type=\"submit\">Restart connector</button></form>");
        }

        page.Append("</nav></header><main><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main>");
        if (branding is not null)
        {
            page.Append("<footer id=\"provided-by\">Provided by ").Append(E(branding.DisplayName));
            if (branding.SupportContact is not null)
            {
                page.Append(" · Support: <span id=\"support-contact\">").Append(E(branding.SupportContact)).Append("</span>");
            }

            page.Append("</footer>");
        }

        page.Append("</body></html>");
        return page.ToString();
    }

    public static string Message(string? error, string? info) =>
        (error is null ? string.Empty : $"<p class=\"error\" id=\"error\">{E(error)}</p>") +
        (info is null ? string.Empty : $"<p class=\"ok\" id=\"info\">{E(info)}</p>");
}
