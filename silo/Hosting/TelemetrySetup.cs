using Ledgerlink.Grains.Hosting;
using Ledgerlink.Silo.Api.Authentication;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ledgerlink.Silo.Hosting;

/// <summary>
/// Metrics for operators (docs/operations.md): Ledgerlink's own meter, Orleans' and ASP.NET Core's (requests,
/// Kestrel connections, rate limiting), and the .NET runtime's (working set, managed heap, GC, CPU time), which is how an
/// operator (and the fleet benchmark) sees what each connected agent costs the silo. Scraped by Prometheus at <c>/operator/metrics</c> with an operator key, and
/// pushed over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces: an HTTP request (joining the caller's
/// <c>traceparent</c>), the grain calls it makes (Orleans activity propagation) and the agent's pull it asks for share one
/// trace id, which the silo's and the agent's log lines carry; exported over OTLP when an endpoint is set.
/// </summary>
public static class TelemetrySetup
{
    public const string ScrapePath = "/operator/metrics";

    public static WebApplicationBuilder AddLedgerlinkTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics
                .AddMeter(LedgerlinkMeter.Name, "Microsoft.Orleans")
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
                .AddMeter("System.Runtime")
                // Every scrape reads the meters afresh (the exporter's default keeps an answer 300 ms); the endpoint needs an
                // operator key and is rate-limited like the rest of the API, so a scrape storm cannot get through anyway.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            // The sources are listened to even with no exporter: without a listener no activity exists, and the trace id
            // would not reach the grains, the logs or the agent.
            tracing.AddSource(
                "Microsoft.AspNetCore",
                Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName);
            if (otlp)
            {
                tracing.AddOtlpExporter();
            }
        });
        return builder;
    }

    public static WebApplication MapLedgerlinkTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath).RequireAuthorization(ApiPolicies.Operator);
        return app;
    }
}
