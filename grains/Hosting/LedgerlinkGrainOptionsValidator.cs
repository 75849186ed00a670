using Ledgerlink.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Hosting;

/// <summary>Checks the grains' settings when the silo starts, so a mistake is reported by setting name.</summary>
public sealed class LedgerlinkGrainOptionsValidator(IOptions<LedgerlinkGrainOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var value = options.Value;
        if (value.HeartbeatInterval <= TimeSpan.Zero)
        {
            throw Invalid($"{nameof(LedgerlinkGrainOptions.HeartbeatInterval)} must be positive.");
        }

        if (value.MissedHeartbeatsBeforeOffline < 1)
        {
            throw Invalid($"{nameof(LedgerlinkGrainOptions.MissedHeartbeatsBeforeOffline)} must be at least 1.");
        }

        if (value.MaxBatchBytes < 1)
        {
            throw Invalid($"{nameof(LedgerlinkGrainOptions.MaxBatchBytes)} must be positive.");
        }

        if (value.MaxBatchUncompressedBytes < value.MaxBatchBytes)
        {
            throw Invalid(
                $"{nameof(LedgerlinkGrainOptions.MaxBatchUncompressedBytes)} must be at least " +
                $"{nameof(LedgerlinkGrainOptions.MaxBatchBytes)}.");
        }

        if (value.HistoryLimit < 1)
        {
            throw Invalid($"{nameof(LedgerlinkGrainOptions.HistoryLimit)} must be at least 1.");
        }

        if (value.PullLeaseLifetime <= TimeSpan.Zero || value.SecretRotationAge <= TimeSpan.Zero)
        {
            throw Invalid($"{nameof(LedgerlinkGrainOptions.PullLeaseLifetime)} and {nameof(LedgerlinkGrainOptions.SecretRotationAge)} must be positive.");
        }

        if (value.RegistrationsPerMinute < 1)
        {
            throw Invalid($"{nameof(LedgerlinkGrainOptions.RegistrationsPerMinute)} must be at least 1.");
        }

        if (value.ClusterKey is { Length: > 0 and < 32 })
        {
            throw Invalid($"{nameof(LedgerlinkGrainOptions.ClusterKey)} must be at least 32 characters, or empty to derive it from the storage connection string.");
        }

        if (value.LinkCodeLifetime <= TimeSpan.Zero)
        {
            throw Invalid($"{nameof(LedgerlinkGrainOptions.LinkCodeLifetime)} must be positive.");
        }

        if (value.DataGenerations.RetiredRetention < TimeSpan.Zero)
        {
            throw Invalid("DataGenerations.RetiredRetention must not be negative.");
        }

        if (value.DataGenerations.AuditLimit < 1)
        {
            throw Invalid("DataGenerations.AuditLimit must be at least 1.");
        }

        var datasets = value.Datasets;
        if (string.IsNullOrWhiteSpace(datasets.ConnectionString))
        {
            throw Invalid("Datasets.ConnectionString is missing; set it to an Azure Storage connection string.");
        }

        if (!StorageConnectionString.IsWellFormed(datasets.ConnectionString))
        {
            // Never echo the connection string: it holds the account key.
            throw Invalid("Datasets.ConnectionString is malformed; expected 'Key=Value;' pairs.");
        }

        if (!StorageNames.IsValidContainer(datasets.ContainerName))
        {
            throw Invalid(
                $"Datasets.ContainerName '{datasets.ContainerName}' is not a valid container name: use {StorageNames.ContainerRule}.");
        }

        if (datasets.StartupTimeout <= TimeSpan.Zero)
        {
            throw Invalid("Datasets.StartupTimeout must be positive.");
        }
    }

    private static OrleansConfigurationException Invalid(string problem) =>
        new($"Ledgerlink grains: {nameof(LedgerlinkGrainOptions)}.{problem}");
}
