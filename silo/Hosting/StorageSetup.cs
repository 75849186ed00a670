using Ledgerlink.Grains.Storage;

namespace Ledgerlink.Silo.Hosting;

/// <summary>Where grain state is kept: Azure Blob Storage (Azurite locally) through Ledgerlink's own provider.</summary>
public static class StorageSetup
{
    public static ISiloBuilder AddLedgerlinkStorage(this ISiloBuilder silo, LedgerlinkSiloOptions options)
    {
        silo.AddBlobGrainStorageAsDefault(storage =>
        {
            storage.ConnectionString = options.Storage.ConnectionString;
            storage.ContainerName = options.Storage.GrainStateContainer;
        });
        return silo;
    }
}
