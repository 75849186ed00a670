using System.Net;
using Ledgerlink.Companies;
using Ledgerlink.Silo.Api.Limits;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// The page a connection's <c>linkUrl</c> opens for the SMB user: how to install the agent, the licence key to paste
/// into it (the company id) and the one-time link code. Public, like Codat's link pages; it shows nothing but the
/// integrator's name for the company. The link code is not known here (only its hash is stored): it travels in the
/// URL's fragment (<c>#code=…</c>), which browsers never send to a server, and the page shows it from there.
/// </summary>
public static class LinkPageEndpoints
{
    public static IEndpointRouteBuilder MapLinkPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/link/{companyId}", Page).ExcludeFromDescription();
        app.MapGet("/link/{companyId}/connections/{connectionId}/start", (string companyId, string connectionId, HttpContext http) =>
            Page(companyId, http)).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Page(string companyId, HttpContext http)
    {
        // Anyone may open a link, so unknown ids are remembered and each address may look up only so many a minute:
        // guessing ids costs no grain activations or storage reads beyond that.
        var lookups = http.RequestServices.GetRequiredService<UnknownLookups>();
        var cacheKey = "link:" + companyId.ToLowerInvariant();
        if (!CompanyAccess.IsPlausibleId(companyId) || lookups.IsKnownUnknown(cacheKey))
        {
            return NotFound();
        }

        if (!lookups.MayLookUp(http.Connection.RemoteIpAddress, out var retryAfter))
        {
            await RequestLimits.WriteTooManyAsync(http, retryAfter, http.RequestAborted);
            return Results.Empty;
        }

        var company = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ICompanyGrain>(companyId).Get();
        if (company is null)
        {
            lookups.RecordUnknown(cacheKey, http.Connection.RemoteIpAddress);
            return NotFound();
        }

        var name = WebUtility.HtmlEncode(company.Profile.Name);
        var key = WebUtility.HtmlEncode(company.Id);
        return Results.Content(Html($"Connect {name} to Sage 50", $"""
            <p>{name} asks for read access to your Sage 50 Accounts company.</p>
            <ol>
              <li>On the PC where Sage 50 runs, install the Ledgerlink agent (<code>ledgerlink-agent</code>).</li>
              <li>Open the agent's page (<a href="http://127.0.0.1:5180">http://127.0.0.1:5180</a>) and choose <em>Link a company</em>.</li>
              <li>Paste this licence key: <code id="licence">{key}</code> and this link code: <code id="link-code"></code>,
                then pick your Sage 50 company and sign in with your Sage user.</li>
            </ol>
            <p id="no-link-code" hidden>This link has no link code. Ask {name} for a new link: each link code works once, for a few days.</p>
            <p>Your Sage password stays on your PC.</p>
            <script>
              const code = new URLSearchParams(location.hash.slice(1)).get('code');
              if (code && code.length <= 64 && /^[0-9A-Za-z-]+$/.test(code)) document.getElementById('link-code').textContent = code;
              else document.getElementById('no-link-code').hidden = false;
            </script>
            """), "text/html; charset=utf-8");
    }

    private static IResult NotFound() =>
        Results.Content(Html("Link not found", "<p>This link is not valid. Ask the company that sent it for a new one.</p>"),
            "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static string Html(string title, string body) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>";
}
