using Ledgerlink.Grains.Storage;

namespace Ledgerlink.Silo.Hosting;

/// <summary>Where grain state is kept: Azure Blob Storage (Azurite locally) through the official Orleans provider.</summary>
public static class StorageSetup
{
    public static ISiloBuilder AddLedgerlinkStorage(this ISiloBuilder silo, LedgerlinkSiloOptions options) =>
        silo.AddLedgerlinkGrainStorage(options.Storage.ConnectionString, options.Storage.GrainStateContainer);
}
