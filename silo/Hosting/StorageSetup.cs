using Ledgerlink.Grains.Reminders;
using Ledgerlink.Grains.Storage;
using Ledgerlink.Grains.Tenants;

namespace Ledgerlink.Silo.Hosting;

/// <summary>
/// What the silo keeps in the storage account: grain state in Azure Blob Storage through the official Orleans provider,
/// reminders and the tenants' company index in its table service.
/// </summary>
public static class StorageSetup
{
    public static ISiloBuilder AddLedgerlinkStorage(this ISiloBuilder silo, LedgerlinkSiloOptions options) =>
        silo.AddLedgerlinkGrainStorage(options.Storage.ConnectionString, options.Storage.GrainStateContainer)
            .AddLedgerlinkReminders(options.Storage.ConnectionString, options.Reminders.TableName, options.Reminders.MinimumPeriod)
            .AddLedgerlinkCompanyIndex(options.Storage.ConnectionString, options.Storage.CompanyIndexTable);
}
