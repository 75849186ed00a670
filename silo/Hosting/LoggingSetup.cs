using Serilog;
using Serilog.Events;

namespace Ledgerlink.Silo.Hosting;

/// <summary>Serilog: structured logs to the console and to a daily rolling file; levels overridable from configuration.</summary>
public static class LoggingSetup
{
    private const string OutputTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddLedgerlinkLogging(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration["Ledgerlink:Logging:Directory"] ?? Path.Combine(".data", "logs");
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans.Runtime.Silo", LogEventLevel.Information)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: OutputTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                Path.Combine(directory, "silo-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 100 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                outputTemplate: "{Timestamp:o} [{Level:u3}] {SourceContext}: {Message:lj} {Properties:j} {TraceId}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }
}
