using Ledgerlink.Grains.Storage;

namespace Ledgerlink.Silo.Hosting;

/// <summary>Settings that would make the silo fail later in a confusing way are refused at start with the setting's name.</summary>
public static class OptionsValidation
{
    public static LedgerlinkSiloOptions BindAndValidate(IConfiguration configuration)
    {
        var options = new LedgerlinkSiloOptions();
        configuration.GetSection(LedgerlinkSiloOptions.SectionName).Bind(options);

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            errors.Add("Ledgerlink:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add("Ledgerlink:ServiceId must not be empty.");
        }

        var clustering = options.Clustering;
        if (clustering.Mode == ClusteringMode.Redis && string.IsNullOrWhiteSpace(clustering.RedisConnectionString))
        {
            errors.Add("Ledgerlink:Clustering:RedisConnectionString is required when Ledgerlink:Clustering:Mode is Redis.");
        }

        if (clustering.Mode == ClusteringMode.AzureTable)
        {
            ValidateMembershipTable(clustering, options.Storage.ConnectionString, errors);
        }

        if (clustering.AdvertisedAddress is { } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            errors.Add($"Ledgerlink:Clustering:AdvertisedAddress '{address}' is not an IP address.");
        }

        foreach (var (name, port) in new[]
                 {
                     ("SiloPort", clustering.SiloPort),
                     ("GatewayPort", clustering.GatewayPort),
                     ("GatewayListeningPort", clustering.GatewayListeningPort ?? clustering.GatewayPort),
                 })
        {
            if (port is < 1 or > 65535)
            {
                errors.Add($"Ledgerlink:Clustering:{name} must be a TCP port (1-65535), not {port}.");
            }
        }

        if (clustering.GatewayConnectionsPerMinute < 1)
        {
            errors.Add($"Ledgerlink:Clustering:GatewayConnectionsPerMinute must be at least 1, not {clustering.GatewayConnectionsPerMinute}.");
        }

        if (clustering.ProbeTimeout <= TimeSpan.Zero || clustering.MissedProbesLimit < 1)
        {
            errors.Add("Ledgerlink:Clustering:ProbeTimeout must be positive and Ledgerlink:Clustering:MissedProbesLimit at least 1.");
        }

        ValidateStorage(options.Storage, errors);
        ValidateReminders(options, errors);
        ValidateTls(options.Tls, errors);
        ValidateBootstrapKeys(configuration, errors);

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid configuration: " + string.Join(" ", errors));
        }

        return options;
    }

    private static void ValidateMembershipTable(LedgerlinkSiloOptions.ClusteringOptions clustering, string storageConnectionString, List<string> errors)
    {
        var setting = clustering.TableConnectionString is null ? "Ledgerlink:Storage:ConnectionString" : "Ledgerlink:Clustering:TableConnectionString";
        var connectionString = clustering.TableConnectionString ?? storageConnectionString;

        if (StorageConnectionString.LacksTableEndpoint(connectionString))
        {
            errors.Add($"{setting} has no TableEndpoint, which Ledgerlink:Clustering:Mode AzureTable needs (the membership table lives in the table service).");
        }

        if (!StorageNames.IsValidTable(clustering.TableName))
        {
            errors.Add($"Ledgerlink:Clustering:TableName '{clustering.TableName}' is not a valid Azure table name ({StorageNames.TableRule}).");
        }
    }

    private static void ValidateReminders(LedgerlinkSiloOptions options, List<string> errors)
    {
        var connectionString = options.Storage.ConnectionString;

        // Reminders live in the table service of the storage account (with AzureTable clustering the membership check
        // above has said so already).
        if (options.Clustering.Mode != ClusteringMode.AzureTable && StorageConnectionString.LacksTableEndpoint(connectionString))
        {
            errors.Add("Ledgerlink:Storage:ConnectionString has no TableEndpoint, which reminders need (they live in the table service).");
        }

        if (!StorageNames.IsValidTable(options.Reminders.TableName))
        {
            errors.Add($"Ledgerlink:Reminders:TableName '{options.Reminders.TableName}' is not a valid Azure table name ({StorageNames.TableRule}).");
        }

        if (!StorageNames.IsValidTable(options.Storage.CompanyIndexTable))
        {
            errors.Add($"Ledgerlink:Storage:CompanyIndexTable '{options.Storage.CompanyIndexTable}' is not a valid Azure table name ({StorageNames.TableRule}).");
        }

        if (options.Reminders.MinimumPeriod <= TimeSpan.Zero)
        {
            errors.Add($"Ledgerlink:Reminders:MinimumPeriod must be positive, not {options.Reminders.MinimumPeriod}.");
        }
    }

    private static void ValidateBootstrapKeys(IConfiguration configuration, List<string> errors)
    {
        var api = new Api.ApiOptions();
        configuration.GetSection(Api.ApiOptions.SectionName).Bind(api);
        for (var i = 0; i < api.BootstrapKeys.Count; i++)
        {
            var key = api.BootstrapKeys[i];
            // The key itself never goes into the message: start errors end up in logs.
            if (Api.Authentication.BootstrapKeyPolicy.Refusal(key.Key) is { } refusal)
            {
                errors.Add($"Ledgerlink:Api:BootstrapKeys:{i}:Key {refusal}.");
            }

            if (string.IsNullOrWhiteSpace(key.TenantId))
            {
                errors.Add($"Ledgerlink:Api:BootstrapKeys:{i}:TenantId is required.");
            }
        }
    }

    private static void ValidateTls(LedgerlinkSiloOptions.TlsOptions tls, List<string> errors)
    {
        if (!tls.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(tls.CertificatePath))
        {
            errors.Add("Ledgerlink:Tls:CertificatePath is required while Ledgerlink:Tls:Enabled is true " +
                       "(a PFX or PEM certificate; deploy/tls/issue-certificates.sh creates a local CA and one).");
        }
        else if (!File.Exists(tls.CertificatePath))
        {
            errors.Add($"Ledgerlink:Tls:CertificatePath '{tls.CertificatePath}' does not exist.");
        }
        else if (!string.IsNullOrWhiteSpace(tls.KeyPath) && !File.Exists(tls.KeyPath))
        {
            errors.Add($"Ledgerlink:Tls:KeyPath '{tls.KeyPath}' does not exist.");
        }
        else
        {
            try
            {
                using var certificate = SiloCertificate.Load(tls);
                if (certificate.NotAfter < DateTime.Now)
                {
                    errors.Add($"Ledgerlink:Tls:CertificatePath '{tls.CertificatePath}' expired on {certificate.NotAfter:u}.");
                }
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or InvalidOperationException or ArgumentException)
            {
                // The message of a wrong password does not contain the password.
                errors.Add($"Ledgerlink:Tls:CertificatePath '{tls.CertificatePath}' cannot be loaded with Ledgerlink:Tls:KeyPath and " +
                           $"Ledgerlink:Tls:CertificatePassword: {e.Message.Trim()}");
            }
        }

        if (!string.IsNullOrWhiteSpace(tls.CaCertificatePath))
        {
            try
            {
                _ = Ledgerlink.Security.CertificatePins.Load(tls.CaCertificatePath, null);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                errors.Add($"Ledgerlink:Tls:CaCertificatePath '{tls.CaCertificatePath}' cannot be read as PEM or DER certificates: {e.Message.Trim()}");
            }
        }

        for (var i = 0; i < tls.CaThumbprints.Count; i++)
        {
            if (!Ledgerlink.Security.CertificatePins.IsWellFormedThumbprint(tls.CaThumbprints[i]))
            {
                errors.Add($"Ledgerlink:Tls:CaThumbprints:{i} is not a SHA-256 (64 hex digits) or SHA-1 (40 hex digits) thumbprint.");
            }
        }
    }

    private static void ValidateStorage(LedgerlinkSiloOptions.StorageOptions storage, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            errors.Add("Ledgerlink:Storage:ConnectionString must not be empty.");
        }
        else if (!StorageConnectionString.IsWellFormed(storage.ConnectionString))
        {
            // Never echo the value: it holds the account key.
            errors.Add("Ledgerlink:Storage:ConnectionString is malformed: expected an Azure Storage connection string " +
                       "such as 'DefaultEndpointsProtocol=http;AccountName=...;AccountKey=...;BlobEndpoint=...'.");
        }

        foreach (var (name, container) in new[] { ("GrainStateContainer", storage.GrainStateContainer), ("DatasetContainer", storage.DatasetContainer) })
        {
            if (!StorageNames.IsValidContainer(container))
            {
                errors.Add($"Ledgerlink:Storage:{name} '{container}' is not a valid container name " +
                           "(3-63 lowercase letters, digits and single hyphens).");
            }
        }
    }
}
