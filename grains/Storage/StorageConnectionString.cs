using Azure.Storage.Blobs;

namespace Ledgerlink.Grains.Storage;

/// <summary>
/// The checks made on an Azure Storage connection string at start, in one place for the grains and the silo. Callers
/// report the setting's name, never the value: it holds the account key.
/// </summary>
public static class StorageConnectionString
{
    /// <summary>Whether the Azure SDK can build a client from it ('Key=Value;' pairs it understands).</summary>
    public static bool IsWellFormed(string connectionString)
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

    /// <summary>
    /// Whether it names its blob endpoint (Azurite, a private endpoint) but not its table endpoint: the Tables client
    /// would then quietly dial the public cloud's default address for the account.
    /// </summary>
    public static bool LacksTableEndpoint(string connectionString) =>
        connectionString.Contains("BlobEndpoint=", StringComparison.OrdinalIgnoreCase)
        && !connectionString.Contains("TableEndpoint=", StringComparison.OrdinalIgnoreCase);
}
