using Ledgerlink.Grains.Storage;

namespace Ledgerlink.Grains.Datasets;

/// <summary>Names dataset blobs; every id is escaped (BlobNameSegment) so any id gives a valid, URL-safe name.</summary>
public static class DatasetBlobName
{
    public const string Extension = ".ndjson.gz";

    public static string For(string serviceId, string companyId, string dataType, string datasetId) =>
        $"{BlobNameSegment.Escape(serviceId)}/datasets/{BlobNameSegment.Escape(companyId)}/" +
        $"{BlobNameSegment.Escape(dataType)}/{BlobNameSegment.Escape(datasetId)}{Extension}";
}
