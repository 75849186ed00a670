using System.Net;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.LocalUi.Endpoints;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Supervision;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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
    Updates.UpdateStatus updates,
    WorkerGeneration generation,
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
        AddAgentServices(builder.Services, companyFile);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.Use(RefuseForeignRequestsAsync);
        Map(app);
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

    /// <summary>
    /// One module per page and its actions (Endpoints/), each with named handlers. The handlers take the agent's own
    /// singletons, which this small web app's container is given as instances (so it never disposes them).
    /// </summary>
    private static void Map(WebApplication app) => app
        .MapAboutEndpoints()
        .MapStylesheetEndpoints()
        .MapBrandingEndpoints()
        .MapLicenceEndpoints()
        .MapCompaniesEndpoints()
        .MapManageDataEndpoints()
        .MapLinkEndpoints()
        .MapRestartEndpoints();

    private void AddAgentServices(IServiceCollection services, string companyFile)
    {
        services.AddSingleton(new SageCompanyFileLocation(companyFile));
        services.AddSingleton(status);
        services.AddSingleton(pages);
        services.AddSingleton(wizard);
        services.AddSingleton(restarts);
        services.AddSingleton(token);
        services.AddSingleton(branding);
        services.AddSingleton(updates);
        services.AddSingleton(generation);
    }

    /// <summary>Runs before every page and action: the anti-framing headers, same origin, and the install's token.</summary>
    private async Task RefuseForeignRequestsAsync(HttpContext context, RequestDelegate next)
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
