using Ledgerlink.Silo.Api;
using Ledgerlink.Silo.Health;
using Serilog;

namespace Ledgerlink.Silo.Hosting;

/// <summary>
/// Builds the silo process: Orleans silo, HTTP API, health endpoints and logging in one ASP.NET Core host.
/// Tests build the same application with extra configuration, so what they exercise is what ships.
/// </summary>
public static class SiloApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        var options = OptionsValidation.BindAndValidate(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.AddLedgerlinkLogging();
        builder.AddLedgerlinkSilo(options);
        builder.Services.AddLedgerlinkHealthChecks();
        builder.AddLedgerlinkApi();
        builder.AddLedgerlinkTelemetry();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

        // Under systemd (deploy/systemd): readiness and stop notifications; does nothing anywhere else.
        builder.Host.UseSystemd();

        var app = builder.Build();
        app.UseSerilogRequestLogging();
        app.MapLedgerlinkHealthEndpoints();
        app.MapLedgerlinkApi();
        app.MapLedgerlinkTelemetry();
        return app;
    }

    /// <summary>Runs until SIGTERM or Ctrl-C, then stops the silo gracefully. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (InvalidOperationException e)
        {
            // Configuration errors are the user's to fix: say what is wrong, without a stack trace.
            await Console.Error.WriteLineAsync($"ledgerlink-silo: {e.Message}");
            return 2;
        }

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e)
        {
            Log.Fatal("Ledgerlink silo could not start: {Reason}", StartupFailure.Describe(e));
            await Console.Error.WriteLineAsync($"ledgerlink-silo: {StartupFailure.Describe(e)}");
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}
