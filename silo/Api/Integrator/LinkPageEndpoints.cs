using System.Net;
using Ledgerlink.Branding;
using Ledgerlink.Companies;
using Ledgerlink.Releases;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Limits;
using Ledgerlink.Silo.Releases;
using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// The page a connection's <c>linkUrl</c> opens for the SMB user: how to install the agent (the download, and a one-line
/// install command for the visitor's platform that links in the same step), the licence key to paste
/// into it (the company id) and the one-time link code. Public, like Codat's link pages; it shows nothing but the
/// integrator's name for the company. The link code is not known here (only its hash is stored): it travels in the
/// URL's fragment (<c>#code=…</c>), which browsers never send to a server, and the page shows it from there.
/// The page carries the tenant's branding (name, logo, colour, "provided by"), or a neutral default when it has none;
/// the logo is served at <c>/link/{companyId}/logo</c>, as public as the page.
/// </summary>
public static class LinkPageEndpoints
{
    public static IEndpointRouteBuilder MapLinkPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/link/{companyId}", Page).ExcludeFromDescription();
        app.MapGet("/link/{companyId}/connections/{connectionId}/start", (string companyId, string connectionId, HttpContext http) =>
            Page(companyId, http)).ExcludeFromDescription();
        app.MapGet("/link/{companyId}/logo", Logo).ExcludeFromDescription();
        app.MapGet("/link/{companyId}/download/{version}/{name}", Download).ExcludeFromDescription();
        app.MapGet("/link/{companyId}/install/{name}", InstallFile).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Page(string companyId, HttpContext http)
    {
        var lookup = await FindCompanyAsync(companyId, http);
        if (!lookup.TryGetValue(out var company))
        {
            return lookup.Error;
        }

        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        var branding = await grains.GetGrain<ITenantBrandingGrain>(company.TenantId).Get();
        var release = await grains.GetGrain<IReleaseCatalogGrain>(IReleaseCatalogGrain.Key).ForNewInstalls();
        var name = WebUtility.HtmlEncode(company.Profile.Name);
        var key = WebUtility.HtmlEncode(company.Id);
        var product = branding is null ? "Ledgerlink agent" : WebUtility.HtmlEncode(branding.DisplayName) + " connector";
        return Results.Content(Html($"Connect {name} to Sage 50", $"""
            <p>{name} asks for read access to your Sage 50 Accounts company.</p>
            <ol>
              <li>On the PC where Sage 50 runs, install the {product} (<code>ledgerlink-agent</code>).{Downloads(company.Id, release, http.Request.Headers.UserAgent.ToString())}{Install(company.Id, release, http)}</li>
              <li>Open the agent's page (<a href="http://127.0.0.1:5180">http://127.0.0.1:5180</a>) and choose <em>Link a company</em>.</li>
              <li>Paste this licence key: <code id="licence">{key}</code> and this link code: <code id="link-code"></code>,
                then pick your Sage 50 company and sign in with your Sage user.</li>
            </ol>
            <p id="no-link-code" hidden>This link has no link code. Ask {name} for a new link: each link code works once, for a few days.</p>
            <p>Your Sage password stays on your PC.</p>
            <script>
              const code = new URLSearchParams(location.hash.slice(1)).get('code');
              const valid = code && code.length <= 64 && /^[0-9A-Za-z-]+$/.test(code);
              if (valid) document.getElementById('link-code').textContent = code;
              else document.getElementById('no-link-code').hidden = false;
              const install = document.getElementById('install-command');
              if (valid && install) install.textContent += install.dataset.linkArgs.replace('{InstallCommands.CodePlaceholder}', code);
            </script>
            """, branding, $"/link/{Uri.EscapeDataString(company.Id)}/logo"), "text/html; charset=utf-8");
    }

    private static async Task<IResult> Logo(string companyId, HttpContext http)
    {
        var lookup = await FindCompanyAsync(companyId, http);
        if (!lookup.TryGetValue(out var company))
        {
            return lookup.Error;
        }

        var branding = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ITenantBrandingGrain>(company.TenantId).Get();
        return branding is { Logo: { } logo, LogoContentType: { } type }
            ? Results.File(logo, type)
            : Results.NotFound();
    }

    /// <summary>
    /// The download of the release for new installs: the file for the visitor's platform first (Windows when the
    /// browser says so, Linux otherwise; files are named <c>win-x64…</c> and <c>linux-x64…</c>), the others after it.
    /// </summary>
    private static string Downloads(string companyId, ReleaseInfo? release, string userAgent)
    {
        if (release is null)
        {
            return " <span id=\"no-download\">The download is not published yet: ask the company that sent this link for the installer.</span>";
        }

        var platform = userAgent.Contains("Windows", StringComparison.OrdinalIgnoreCase) ? "win-x64" : "linux-x64";
        var files = release.Files.OrderBy(f => f.Name.StartsWith(platform, StringComparison.Ordinal) ? 0 : 1).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        var html = new System.Text.StringBuilder("<br>");
        for (var i = 0; i < files.Count; i++)
        {
            var href = $"/link/{Uri.EscapeDataString(companyId)}/download/{Uri.EscapeDataString(release.Version)}/{Uri.EscapeDataString(files[i].Name)}";
            html.Append(i == 0 ? "<a id=\"download\" class=\"download\" href=\"" : " · <a class=\"download\" href=\"").Append(WebUtility.HtmlEncode(href)).Append("\">")
                .Append(i == 0 ? "Download " : string.Empty).Append(WebUtility.HtmlEncode(files[i].Name)).Append("</a>");
            if (i == 0)
            {
                html.Append($" (version {WebUtility.HtmlEncode(release.Version)}, SHA-256 <code>{WebUtility.HtmlEncode(files[i].Sha256)}</code>)");
            }
        }

        return html.ToString();
    }

    /// <summary>
    /// The one-line install command for the visitor's platform (the first file offered), which installs the agent,
    /// pins this deployment's CA and release key and, with the link code the page adds from the fragment, links the
    /// company in the same step.
    /// </summary>
    private static string Install(string companyId, ReleaseInfo? release, HttpContext http)
    {
        var userAgent = http.Request.Headers.UserAgent.ToString();
        var platform = InstallCommands.IsWindows(userAgent) ? "win-x64" : "linux-x64";
        if (release?.Files.FirstOrDefault(f => f.Name.StartsWith(platform, StringComparison.Ordinal)) is not { } file)
        {
            return string.Empty;
        }

        var windows = platform == "win-x64";
        var command = http.RequestServices.GetRequiredService<InstallCommands>().Command(http.Request, companyId, release, file);
        var where = windows ? "in PowerShell opened with <em>Run as administrator</em>" : "in a terminal (it asks for your password once, for <code>sudo</code>)";
        return $"""
            <p>Or install and link in one step: {where}, run</p>
            <pre><code id="install-command" data-link-args="{WebUtility.HtmlEncode(InstallCommands.LinkArguments(companyId, windows))}">{WebUtility.HtmlEncode(command)}</code></pre>
            <p>It asks for your Sage 50 data directory (in Sage: Help &gt; About), user name and password; the agent then runs in the background and starts with the computer.</p>
            """;
    }

    /// <summary>What the install command downloads besides the release file: the script, the CA to pin, the release key.</summary>
    private static async Task<IResult> InstallFile(string companyId, string name, HttpContext http)
    {
        var lookup = await FindCompanyAsync(companyId, http);
        if (!lookup.TryGetValue(out _))
        {
            return lookup.Error;
        }

        var install = http.RequestServices.GetRequiredService<InstallCommands>();
        return name switch
        {
            InstallCommands.LinuxScript or InstallCommands.WindowsScript when InstallCommands.Script(name) is { } script =>
                Results.File(script, "text/plain; charset=utf-8", name),
            InstallCommands.CaCertificate when install.CaCertificatePem() is { } pem => Results.Text(pem, "application/x-pem-file"),
            InstallCommands.ReleaseKey when install.ReleaseKeyPem() is { } key => Results.Text(key, "application/x-pem-file"),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> Download(string companyId, string version, string name, HttpContext http)
    {
        var lookup = await FindCompanyAsync(companyId, http);
        if (!lookup.TryGetValue(out var company))
        {
            return lookup.Error;
        }

        // Only files of a published, not withdrawn, release: an uploaded but unpublished file is never served.
        var release = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IReleaseCatalogGrain>(IReleaseCatalogGrain.Key).Get(version);
        if (release is not { Withdrawn: null } || release.Files.FirstOrDefault(f => f.Name == name) is not { } file)
        {
            return Results.NotFound();
        }

        var content = await http.RequestServices.GetRequiredService<ReleaseStore>().OpenFileAsync(release.Version, file.Name, http.RequestAborted);
        return content is null ? Results.NotFound() : Results.File(content, "application/octet-stream", file.Name);
    }

    /// <summary>The company a public link names, or the answer to give instead (not found, too many lookups).</summary>
    private static async Task<Checked<CompanyInfo>> FindCompanyAsync(string companyId, HttpContext http)
    {
        // Anyone may open a link, so unknown ids are remembered and each address may look up only so many a minute:
        // guessing ids costs no grain activations or storage reads beyond that.
        var lookups = http.RequestServices.GetRequiredService<UnknownLookups>();
        var cacheKey = "link:" + companyId.ToLowerInvariant();
        if (!CompanyAccess.IsPlausibleId(companyId) || lookups.IsKnownUnknown(cacheKey))
        {
            return Checked<CompanyInfo>.Refuse(NotFound());
        }

        if (!lookups.MayLookUp(http.Connection.RemoteIpAddress, out var retryAfter))
        {
            await RequestLimits.WriteTooManyAsync(http, retryAfter, http.RequestAborted);
            return Checked<CompanyInfo>.Refuse(Results.Empty);
        }

        var company = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ICompanyGrain>(companyId).Get();
        if (company is null)
        {
            lookups.RecordUnknown(cacheKey, http.Connection.RemoteIpAddress);
            return Checked<CompanyInfo>.Refuse(NotFound());
        }

        return company;
    }

    private static IResult NotFound() =>
        Results.Content(Html("Link not found", "<p>This link is not valid. Ask the company that sent it for a new one.</p>"),
            "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// The page frame: a header in the tenant's colour with its logo and name, and a "provided by" footer with its
    /// support contact; neutral (no logo, no provider line) without branding. Every value is encoded, and the colour
    /// is re-checked as <c>#RRGGBB</c> before it goes into the style sheet.
    /// </summary>
    private static string Html(string title, string body, TenantBranding? branding = null, string? logoPath = null)
    {
        var color = branding is not null && BrandingRules.IsColor(branding.PrimaryColor) ? branding.PrimaryColor : BrandingRules.NeutralColor;
        var header = branding is null
            ? "<header id=\"brand\"><span id=\"brand-name\">Sage 50 connection</span></header>"
            : "<header id=\"brand\">" +
              (branding.Logo is null || logoPath is null ? string.Empty
                  : $"<img id=\"brand-logo\" src=\"{WebUtility.HtmlEncode(logoPath)}?v={WebUtility.HtmlEncode(branding.Tag)}\" alt=\"{WebUtility.HtmlEncode(branding.DisplayName)} logo\">") +
              $"<span id=\"brand-name\">{WebUtility.HtmlEncode(branding.DisplayName)}</span></header>";
        var footer = branding is null
            ? string.Empty
            : $"<footer id=\"provided-by\">Provided by {WebUtility.HtmlEncode(branding.DisplayName)}" +
              (branding.SupportContact is null ? string.Empty : $" · Support: <span id=\"support-contact\">{WebUtility.HtmlEncode(branding.SupportContact)}</span>") +
              "</footer>";
        return $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><style>" +
               $":root{{--brand:{color};--on-brand:{BrandingRules.TextColorOn(color)}}}" +
               "body{font-family:system-ui,sans-serif;margin:0;color:#1f2937}header{background:var(--brand);color:var(--on-brand);padding:.8em 2em;" +
               "display:flex;align-items:center;gap:1em;font-size:1.2em;font-weight:600}header img{max-height:48px;max-width:200px}" +
               "main{padding:1em 2em;max-width:50em}h1{color:var(--brand)}code{background:#f1f5f9;padding:.1em .3em}" +
               "pre{white-space:pre-wrap;word-break:break-all;background:#f1f5f9;padding:.6em .8em;border-radius:4px}pre code{padding:0}" +
               "footer{padding:1em 2em;color:#475569;border-top:1px solid #e2e8f0;max-width:50em}</style></head><body>" +
               $"{header}<main><h1>{title}</h1>{body}</main>{footer}</body></html>";
    }
}
