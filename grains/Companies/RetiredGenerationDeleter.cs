using Ledgerlink.Grains.Companies.Generations;
using Ledgerlink.Grains.Datasets;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Companies;

/// <summary>Deletes the blobs of a company's retired generations whose retention period has passed.</summary>
public sealed class RetiredGenerationDeleter(IDatasetBlobStore store, ILogger logger)
{
    /// <summary>How many expired generations were deleted (and recorded in <paramref name="generations"/>); the rest wait.</summary>
    public async Task<int> DeleteExpired(string companyId, DataGenerations generations)
    {
        var deleted = 0;
        try
        {
            foreach (var generation in generations.Expired())
            {
                foreach (var data in generation.DataTypes.Values)
                {
                    if (data.Committed is { } dataset)
                    {
                        await store.DeleteAsync(dataset.BlobName, CancellationToken.None);

                        // An incremental version's deltas; a generation starts empty, so no other generation shares them.
                        foreach (var delta in dataset.Deltas ?? [])
                        {
                            await store.DeleteAsync(delta.BlobName, CancellationToken.None);
                        }

                        if (dataset.RetainedRemovals is { } removals)
                        {
                            await store.DeleteAsync(removals.BlobName, CancellationToken.None);
                        }
                    }
                }

                generations.Deleted(generation);
                deleted++;
                CompanyLog.GenerationDeleted(logger, companyId, generation.Number, generation.DatasetCount);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What was deleted is recorded; the rest is tried again at the next tick of its reminder.
            CompanyLog.GenerationDeletionFailed(logger, e, companyId);
        }

        return deleted;
    }
}
