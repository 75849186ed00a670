using Ledgerlink.Grains.Storage;

namespace Ledgerlink.Grains.Datasets;

/// <summary>Names dataset blobs; ids are escaped like grain state blob names so any id gives a valid, URL-safe name.</summary>
public static class DatasetBlobName
{
    public const string Extension = ".ndjson.gz";

    public static string For(string serviceId, string companyId, string dataType, string datasetId) =>
        $"{GrainStateBlobName.Escape(serviceId)}/datasets/{GrainStateBlobName.Escape(companyId)}/" +
        $"{GrainStateBlobName.Escape(dataType)}/{GrainStateBlobName.Escape(datasetId)}{Extension}";
}
