using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledgerlink.Silo.Health;

/// <summary>
/// <c>/health</c>: the process is alive (for restarts). <c>/ready</c>: the silo is an Active member of the cluster (in
/// its own view and in the membership table) and storage answers (for load balancers); it turns 503 while either is
/// not so, without the process restarting.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddLedgerlinkHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageReadinessCheck>("storage", tags: [ReadyTag])
            .AddCheck<MembershipReadinessCheck>("membership", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapLedgerlinkHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync })
            .ExcludeFromDescription();
        app.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).ExcludeFromDescription();
        return app;
    }
}
