using Ledgerlink.Companies;
using Ledgerlink.PullOperations;
using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Integrator.DataReads;

/// <summary>
/// The committed dataset a read is served from: the company's current data generation's. A dataset never synced is a
/// 409 naming it (as Codat answers before the first sync); a generation emptied by a reset reads as no records.
/// </summary>
public static class DatasetLookup
{
    /// <summary>The dataset, or (null, null) when the generation has none (reset), or (null, error).</summary>
    public static async Task<(CommittedDataset? Dataset, IResult? Error)> FindAsync(IGrainFactory grains, string companyId, string dataType)
    {
        var target = await grains.GetGrain<ICompanyGrain>(companyId).GetReadTarget(dataType);
        if (target is null)
        {
            return (null, ApiErrors.CompanyNotFound(companyId));
        }

        if (target.Dataset is { } dataset)
        {
            return (dataset, null);
        }

        return target.NeverSynced
            ? (null, ApiErrors.Conflict(
                $"The {dataType} dataset of company {companyId} has not been synced yet. Queue it with POST " +
                $"/companies/{companyId}/data/queue/{dataType} and read it once its data status is Complete."))
            : (null, null);
    }

    /// <summary>A dataset deleted with a retired generation between finding and reading it: the pointer is newer now.</summary>
    public static IResult Changed(string dataType) =>
        ApiErrors.Unavailable($"The {dataType} dataset changed while it was being read; retry the request.");
}
