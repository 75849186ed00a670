using Azure;
using Azure.Storage.Blobs;
using Ledgerlink.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledgerlink.Silo.Health;

/// <summary>
/// Ready only when the grain-state container answers within a few seconds. The allowance covers a cold first call (JIT and
/// connection set-up on a loaded machine) while still reporting a dead store long before a probe gives up.
/// </summary>
public sealed class StorageReadinessCheck(LedgerlinkSiloOptions options) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly BlobContainerClient _container = CreateClient(options);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var exists = await _container.ExistsAsync(timeout.Token);
            return exists.Value
                ? HealthCheckResult.Healthy("storage reachable")
                : HealthCheckResult.Unhealthy($"storage reachable but container '{_container.Name}' is missing");
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return HealthCheckResult.Unhealthy($"storage unreachable at {_container.Uri.GetLeftPart(UriPartial.Authority)}");
        }
    }

    private static BlobContainerClient CreateClient(LedgerlinkSiloOptions options)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.MaxRetries = 0;
        return new BlobServiceClient(options.Storage.ConnectionString, clientOptions)
            .GetBlobContainerClient(options.Storage.GrainStateContainer);
    }
}
