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

        if (clustering.AdvertisedAddress is { } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            errors.Add($"Ledgerlink:Clustering:AdvertisedAddress '{address}' is not an IP address.");
        }

        foreach (var (name, port) in new[] { ("SiloPort", clustering.SiloPort), ("GatewayPort", clustering.GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                errors.Add($"Ledgerlink:Clustering:{name} must be a TCP port (1-65535), not {port}.");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid configuration: " + string.Join(" ", errors));
        }

        return options;
    }
}
