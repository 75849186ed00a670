using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledgerlink.Silo.Health;

/// <summary>
/// Ready only while this silo can serve as a member of the cluster: it is Active in its own view of membership, and
/// the membership table answers and lists it as Active. A silo still joining, shutting down, declared dead by the
/// others, or cut off from the membership table (so from the cluster's decisions) is taken out of the load balancer
/// rather than answering requests it cannot route.
/// </summary>
public sealed class MembershipReadinessCheck(
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var known = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        if (known != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"this silo is {known} in the cluster's membership");
        }

        if (services.GetService<IMembershipTable>() is not { } table)
        {
            return HealthCheckResult.Healthy("active");
        }

        try
        {
            var read = await table.ReadAllAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            var listed = read.Members.Select(m => m.Item1).FirstOrDefault(m => m.SiloAddress.Equals(silo.SiloAddress));
            return listed?.Status == SiloStatus.Active
                ? HealthCheckResult.Healthy($"active, {read.Members.Count(m => m.Item1.Status == SiloStatus.Active)} active silos")
                : HealthCheckResult.Unhealthy($"the membership table lists this silo as {listed?.Status.ToString() ?? "absent"}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the membership table did not answer ({e.GetType().Name})");
        }
    }
}
