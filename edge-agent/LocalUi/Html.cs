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
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Page(string title, string body, bool restartLink, TenantBranding? branding = null)
    {
        // The colour was checked when it arrived (BrandingCache); checked again here because it is written into CSS.
        var color = branding is not null && BrandingRules.IsColor(branding.PrimaryColor) ? branding.PrimaryColor : BrandingRules.NeutralColor;
        var product = branding is null ? "Ledgerlink agent" : $"{branding.DisplayName} connector";
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append(" · ").Append(E(product)).Append("</title>");
        page.Append("<style>:root{--brand:").Append(color).Append(";--on-brand:").Append(BrandingRules.TextColorOn(color)).Append('}')
            .Append("body{font-family:system-ui,sans-serif;margin:0;color:#1f2937;background:#f8fafc}")
            .Append("header{background:var(--brand);color:var(--on-brand);padding:.6em 1em;display:flex;align-items:center;gap:.8em;flex-wrap:wrap}")
            .Append("header img{max-height:40px;max-width:180px;background:#fff;border-radius:4px;padding:2px}#brand-name{font-weight:600;font-size:1.1em;margin-right:1.5em}")
            .Append("nav a{color:var(--on-brand);margin-right:1.2em;text-decoration:none}main{padding:1em 2em;max-width:60em}h1{color:var(--brand)}")
            .Append("table{border-collapse:collapse;background:#fff}td,th{border-bottom:1px solid #e2e8f0;padding:.4em .8em;text-align:left}")
            .Append("button{background:var(--brand);color:var(--on-brand);border:0;border-radius:4px;padding:.35em .9em;cursor:pointer}")
            .Append(".error{color:#a4161a;font-weight:600}.ok{color:#2b6a30}code{background:#f1f5f9;padding:.1em .3em}")
            .Append("footer{padding:1em 2em;color:#475569;border-top:1px solid #e2e8f0;max-width:60em}")
            .Append("form.inline{display:inline}label{display:block;margin:.5em 0}input[type=text],input[type=password],input[type=email]{width:30em}</style></head><body>");
        page.Append("<header id=\"brand\">");
        if (branding?.Logo is not null)
        {
            page.Append("<img id=\"brand-logo\" src=\"/branding/logo?v=").Append(E(branding.Tag)).Append("\" alt=\"").Append(E(branding.DisplayName)).Append(" logo\">");
        }

        page.Append("<span id=\"brand-name\">").Append(E(branding?.DisplayName ?? "Sage 50 connector")).Append("</span>");
        page.Append("<nav><a href=\"/about\">About</a><a href=\"/licence\">Licence</a><a href=\"/companies\">Companies</a><a href=\"/link\">Link a company</a><a href=\"/manage\">Manage your data</a>");
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
