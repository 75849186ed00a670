using Ledgerlink.Grains.Diagnostics;
using Ledgerlink.Silo.Api.Authentication;
using Orleans.Dashboard;

namespace Ledgerlink.Silo.Api.Operator;

/// <summary>What cluster operators get: the Orleans dashboard, a summary of the silos, grain call counts and tenants' API keys, behind the operator role.</summary>
public static class OperatorEndpoints
{
    public const string DashboardPath = "/dashboard";

    /// <summary>The dashboard's route that reads a grain's state.</summary>
    public const string GrainStatePath = "/GrainState";

    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        var dashboardAccess = app.Configuration.GetSection(DashboardAccessOptions.SectionName).Get<DashboardAccessOptions>()
            ?? new DashboardAccessOptions();
        if (!dashboardAccess.GrainStateBrowsing)
        {
            // Routing has already picked the dashboard's endpoint when this runs; answering 404 here keeps its grain-state
            // browser closed (the page shows an empty result) without forking the dashboard.
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(DashboardPath + GrainStatePath, StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            });
        }

        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(ApiPolicies.Operator);

        var operators = app.MapGroup("/operator").WithTags("Operator").RequireAuthorization(ApiPolicies.Operator);
        operators.MapGet("/silos", async (IGrainFactory grains) =>
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
            return Results.Ok(hosts.Select(h => new
            {
                address = h.SiloAddress.ToString(),
                name = h.SiloName,
                status = h.Status.ToString(),
                startedAt = h.StartTime,
            }));
        }).WithName("list-silos");

        // Calls this silo's grains received, by interface and method, since it started.
        operators.MapGet("/grain-calls", (GrainCallTally tally) => Results.Ok(tally.Snapshot())).WithName("grain-calls");
        operators.MapApiKeys();
        operators.MapReleases(app.Services.GetRequiredService<Ledgerlink.Silo.Releases.ReleaseStore>().Options);
        return app;
    }
}
