using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Grains.Tenants;

/// <summary>Registers the tenants' company index (<see cref="CompanyIndex"/>) in the storage account's table service.</summary>
public static class CompanyIndexSetup
{
    public static ISiloBuilder AddLedgerlinkCompanyIndex(
        this ISiloBuilder silo, string connectionString, string tableName = CompanyIndex.DefaultTableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return silo.ConfigureServices(services => services.AddSingleton(_ =>
        {
            var client = new TableClientOptions();

            // As for grain state: fail in seconds when storage does not answer, and let the caller retry.
            client.Retry.MaxRetries = 3;
            client.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
            return new CompanyIndex(new TableServiceClient(connectionString, client), tableName);
        }));
    }
}
