using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// Headers on every answer of the local UI: no framing (clickjacking a Restart or Reset button), no content sniffing,
/// no referrer to the link pages' hosts, nothing cached (pages show licence keys and connector ids), and a content
/// security policy that allows only the pages' own inline script, the UI's own style sheet (no inline style) and
/// requests to this UI.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
