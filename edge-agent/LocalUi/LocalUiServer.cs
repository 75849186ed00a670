using System.Net;
using Ledgerlink.Agents;
using Ledgerlink.EdgeAgent.Hosting;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Supervision;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// The agent's local web UI: a small Kestrel server on 127.0.0.1 only, inside the worker process, sharing the agent's
/// status and session. It does not stop the agent when it cannot start (port taken): the agent's work matters more.
/// </summary>
public sealed partial class LocalUiServer(
    LocalUiOptions options,
    AgentOptions agentOptions,
    AgentStatus status,
    Pages pages,
    LinkWizard wizard,
    RestartCoordinator restarts,
    UiToken token,
    BrandingCache branding,
    ILogger<LocalUiServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        var companyFile = options.ResolveSageCompanyFile(agentOptions.ResolvedDataFolder);
        if (options.BundledDemo)
        {
            var (location, _) = BundledDemoCompany.Ensure(Path.Combine(agentOptions.ResolvedDataFolder, "sage", "demo"));
            SageCompanyFile.Add(companyFile, location.DataDirectory);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "ledgerlink-agent-ui", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            SecurityHeaders.Apply(context.Response);
            if (!IsSameOrigin(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            // Every state-changing request carries the install's token in its cookie and its form, whatever its origin
            // headers say: a local process or another user of the PC that never loaded a page of this UI has neither.
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && !await token.IsPresentAsync(context.Request, context.RequestAborted))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next(context);
        });
        Map(app, companyFile);
        try
        {
            await app.StartAsync(cancellationToken);
            _app = app;
            LogListening(logger, options.Port);
        }
        catch (IOException e)
        {
            LogCannotListen(logger, options.Port, e.Message);
            await app.DisposeAsync();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private void Map(WebApplication app, string companyFile)
    {
        app.MapGet("/", () => Results.Redirect("/about"));
        app.MapGet("/about", () => HtmlResult(pages.About()));

        // The tenant's logo, as the cluster sent it (type checked by its bytes on arrival); 404 without one.
        app.MapGet("/branding/logo", () => branding.Current is { Logo: { } logo, LogoContentType: { } type } ? Results.File(logo, type) : Results.NotFound());
        app.MapGet("/licence", () => HtmlResult(pages.Licence()));
        app.MapGet("/companies", (HttpRequest request) => HtmlResult(pages.Companies(request.Query["error"], request.Query["info"])));
        app.MapGet("/manage", (HttpRequest request) => HtmlResult(pages.ManageData(request.Query["error"], request.Query["info"])));
        app.MapGet("/link", (HttpRequest request) =>
            HtmlResult(pages.Link(SageCompanyFile.Read(companyFile), companyFile, null, dataDirectory: request.Query["dataDirectory"])));

        app.MapPost("/link/check", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            string licence = form["licence"].ToString(), code = form["code"].ToString(), dataDirectory = form["dataDirectory"].ToString(), user = form["user"].ToString();
            var check = await wizard.CheckAsync(licence, code, dataDirectory, user, form["password"].ToString(), context.RequestAborted);
            return check is { Token: { } token, Details: { } details }
                ? HtmlResult(pages.Confirm(token, licence.Trim(), Path.GetFullPath(dataDirectory.Trim()), details))
                : HtmlResult(pages.Link(SageCompanyFile.Read(companyFile), companyFile, check.Error, licence, dataDirectory, user, code), StatusCodes.Status400BadRequest);
        });

        app.MapPost("/link/confirm", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var result = await wizard.ConfirmAsync(form["token"].ToString(), context.RequestAborted);
            if (!result.Linked)
            {
                return HtmlResult(pages.Link(SageCompanyFile.Read(companyFile), companyFile, result.Error), StatusCodes.Status400BadRequest);
            }

            var info = result.Error ?? $"Linked {result.ProductName ?? "the company"}; its first sync has started ({result.SyncsStarted} data types).";
            return Results.Redirect("/companies?info=" + Uri.EscapeDataString(info));
        });

        app.MapPost("/companies/{companyId}/{action}", async (string companyId, string action) =>
        {
            if (status.Current is not { Gateway: { } gateway, Credential: { } credential })
            {
                return Back(error: "The agent is not connected to Ledgerlink; try again when it is Online.");
            }

            try
            {
                switch (action)
                {
                    case "pause":
                        await gateway.PauseCompany(credential, companyId);
                        status.PauseChanged(companyId, paused: true);
                        return Back(info: "Paused: its syncs wait until you resume.");
                    case "resume":
                        await gateway.ResumeCompany(credential, companyId);
                        status.PauseChanged(companyId, paused: false);
                        return Back(info: "Resumed.");
                    case "sync":
                        var queued = await gateway.SyncNow(credential, companyId);
                        return Back(info: $"Sync started for {queued} data types.");
                    default:
                        return Results.NotFound();
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or AgentAccessDeniedException)
            {
                return Back(error: $"Ledgerlink did not accept that ({e.Message}).");
            }
        });

        app.MapPost("/manage/{companyId}", async (string companyId, HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var action = form["action"].ToString();
            if (action is not ("reset" or "restore"))
            {
                return Results.BadRequest();
            }

            if (status.Current is not { Gateway: { } gateway, Credential: { } credential })
            {
                return BackToManage(error: "The agent is not connected to Ledgerlink; try again when it is Online.");
            }

            try
            {
                // The owner confirms from the email Ledgerlink sends; the cluster limits how often it may be sent.
                var outcome = action == "reset"
                    ? await gateway.ResetCompanyData(credential, companyId, string.Empty)
                    : await gateway.RestoreCompanyData(credential, companyId, string.Empty);
                return outcome.OwnerEmailed
                    ? BackToManage(info: outcome.Reason)
                    : BackToManage(error: $"Nothing changed: {outcome.Reason}");
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or AgentAccessDeniedException)
            {
                return BackToManage(error: $"Ledgerlink did not accept that ({e.Message}).");
            }
        });

        app.MapPost("/restart", async (HttpContext context) =>
        {
            if (!status.Current.RestartLinkEnabled)
            {
                return HtmlResult(Html.Page("Restart connector", Html.Message("Restarting the connector is only possible while Ledgerlink support has enabled it.", null), false, branding.Current),
                    StatusCodes.Status403Forbidden);
            }

            try
            {
                var cancelled = await restarts.RestartAsync("the user pressed Restart connector", context.RequestAborted);
                return HtmlResult(pages.Restarting(cancelled));
            }
            catch (AgentAccessDeniedException e)
            {
                return HtmlResult(Html.Page("Restart connector", Html.Message($"Ledgerlink refused the restart ({e.Message}).", null), false, branding.Current), StatusCodes.Status403Forbidden);
            }
        });

        app.MapGet("/api/status", () =>
        {
            var now = status.Current;
            return Results.Json(new StatusBody(now.ConnectorId, AgentVersion.Current, Environment.ProcessId, now.State.ToString(), now.RestartLinkEnabled,
                [.. now.CompanyIds], [.. now.PausedCompanyIds]), LocalUiJsonContext.Default.StatusBody);
        });
    }

    private static IResult Back(string? error = null, string? info = null) =>
        Results.Redirect("/companies?" + (error is null ? "info=" + Uri.EscapeDataString(info ?? string.Empty) : "error=" + Uri.EscapeDataString(error)));

    private static IResult BackToManage(string? error = null, string? info = null) =>
        Results.Redirect("/manage?" + (error is null ? "info=" + Uri.EscapeDataString(info ?? string.Empty) : "error=" + Uri.EscapeDataString(error)));

    private IResult HtmlResult(string html, int statusCode = StatusCodes.Status200OK) => new TokenedPage(token.AddToForms(html), statusCode, token);

    /// <summary>A page: its forms carry the token and its response sets the token cookie.</summary>
    private sealed class TokenedPage(string html, int statusCode, UiToken token) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            token.SetCookie(httpContext.Response);
            return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode).ExecuteAsync(httpContext);
        }
    }

    /// <summary>
    /// Only this machine's browser on this UI may use it: the Host must be the loopback address (no DNS rebinding), and
    /// a form posted from another site is refused (a web page cannot restart the connector or link a company).
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var host = request.Host.Host;
        if (host is not ("127.0.0.1" or "localhost"))
        {
            return false;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();

        // Under Referrer-Policy: no-referrer a browser sends "Origin: null" with its own form posts; it still says
        // same-origin in Sec-Fetch-Site, which a page cannot set. A null origin from anywhere else is refused.
        return fetchSite is "" or "same-origin" or "none"
               && (origin.Length == 0 || origin == $"{request.Scheme}://{request.Host}" || (origin == "null" && fetchSite == "same-origin"));
    }

    [LoggerMessage(80, LogLevel.Information, "Local UI on http://127.0.0.1:{Port}/")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(81, LogLevel.Error, "The local UI cannot listen on 127.0.0.1:{Port} ({Error}); the agent runs without it")]
    private static partial void LogCannotListen(ILogger logger, int port, string error);
}
