using System.Net;
using System.Text;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>The pages' shared frame and small helpers; every value from outside goes through <see cref="E"/>.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Page(string title, string body, bool restartLink)
    {
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append(" · Ledgerlink agent</title>");
        page.Append("<style>body{font-family:system-ui,sans-serif;margin:0;color:#222}nav{background:#1d3557;padding:.6em 1em}")
            .Append("nav a{color:#fff;margin-right:1.2em;text-decoration:none}main{padding:1em 2em;max-width:60em}")
            .Append("table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.4em .8em;text-align:left}")
            .Append(".error{color:#a4161a;font-weight:600}.ok{color:#2b6a30}code{background:#f1f1f1;padding:.1em .3em}")
            .Append("form.inline{display:inline}label{display:block;margin:.5em 0}input[type=text],input[type=password],input[type=email]{width:30em}</style></head><body>");
        page.Append("<nav><a href=\"/about\">About</a><a href=\"/licence\">Licence</a><a href=\"/companies\">Companies</a><a href=\"/link\">Link a company</a><a href=\"/manage\">Manage your data</a>");
        if (restartLink)
        {
            page.Append("<form class=\"inline\" method=\"post\" action=\"/restart\"><button id=\"restart\" type=\"submit\">Restart connector</button></form>");
        }

        page.Append("</nav><main><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return page.ToString();
    }

    public static string Message(string? error, string? info) =>
        (error is null ? string.Empty : $"<p class=\"error\" id=\"error\">{E(error)}</p>") +
        (info is null ? string.Empty : $"<p class=\"ok\" id=\"info\">{E(info)}</p>");
}
