using System.Text.RegularExpressions;
using Azure.Storage.Blobs;

namespace Ledgerlink.Grains.Storage;

/// <summary>
/// Checks a provider's settings when the silo starts, so a typo is reported by setting name
/// instead of surfacing later as an opaque storage error on the first grain write.
/// </summary>
public sealed partial class BlobGrainStorageOptionsValidator(BlobGrainStorageOptions options, string providerName)
    : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw Invalid(
                $"{nameof(BlobGrainStorageOptions.ConnectionString)} is missing; set it to an Azure Storage connection string.");
        }

        if (!IsWellFormedConnectionString(options.ConnectionString))
        {
            // The connection string itself is never echoed: it holds the account key.
            throw Invalid(
                $"{nameof(BlobGrainStorageOptions.ConnectionString)} is malformed; expected 'Key=Value;' pairs such as " +
                "'DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...;BlobEndpoint=...'.");
        }

        if (!IsValidContainerName(options.ContainerName))
        {
            throw Invalid(
                $"{nameof(BlobGrainStorageOptions.ContainerName)} '{options.ContainerName}' is not a valid container name: " +
                "use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }

        if (options.StartupTimeout <= TimeSpan.Zero)
        {
            throw Invalid($"{nameof(BlobGrainStorageOptions.StartupTimeout)} must be positive.");
        }
    }

    public static bool IsValidContainerName(string? name) => name is not null && ContainerNamePattern().IsMatch(name);

    private static bool IsWellFormedConnectionString(string connectionString)
    {
        try
        {
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private OrleansConfigurationException Invalid(string problem) =>
        new($"Blob grain storage '{providerName}': {nameof(BlobGrainStorageOptions)}.{problem}");

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerNamePattern();
}
