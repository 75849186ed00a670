using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledgerlink.Silo.Health;

/// <summary>Writes a health report as small JSON: overall status and, per check, its status and description.</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        });
}
