using Ledgerlink.Grains.Diagnostics;
using Ledgerlink.Silo.Api.Authentication;
using Orleans.Dashboard;

namespace Ledgerlink.Silo.Api.Operator;

/// <summary>What cluster operators get: the Orleans dashboard, a summary of the silos, grain call counts and tenants' API keys, behind the operator role.</summary>
public static class OperatorEndpoints
{
    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(ApiPolicies.Operator);

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
        return app;
    }
}
