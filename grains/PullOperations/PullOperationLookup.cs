using Ledgerlink.Companies;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>
/// Finds a pull operation for whoever reaches it from outside its company (the agent's gateway, the API). A queued one
/// has written nothing of its own (its company's record is the refresh's one durable write), so when it answers that it
/// does not exist, the companies it may belong to are asked for its request and it is handed that, in memory.
/// Its company is never the caller, so a company never waits on a pull operation that asks it back.
/// </summary>
public static class PullOperationLookup
{
    /// <summary>The operation, or null when it has no state and none of <paramref name="companyIds"/> has it queued.</summary>
    public static async Task<PullOperationInfo?> FindAsync(IGrainFactory grains, string pullOperationId, Func<Task<IEnumerable<string>>> companyIds)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(companyIds);
        var operation = grains.GetGrain<IPullOperationGrain>(pullOperationId);
        if (await operation.Get() is { } info)
        {
            return info;
        }

        foreach (var companyId in await companyIds())
        {
            if (await grains.GetGrain<ICompanyGrain>(companyId).GetPullRequest(pullOperationId) is { } request)
            {
                return await operation.EnsureCreated(request);
            }
        }

        return null;
    }

    /// <summary>As above, for an operation of one known company.</summary>
    public static Task<PullOperationInfo?> FindAsync(IGrainFactory grains, string pullOperationId, string companyId) =>
        FindAsync(grains, pullOperationId, () => Task.FromResult<IEnumerable<string>>([companyId]));
}
