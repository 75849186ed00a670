using Ledgerlink.Agents;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Faults;

/// <summary>
/// A grain call that failed on storage leaves its activation deactivated. A grain changes its state in memory and then
/// writes it; when the write fails (storage down, ETag lost), the memory holds a state storage never saw, and the next
/// call would act on that lie (a pull operation answering Complete while storage says Fetching). Deactivating makes
/// the next call read what storage really holds, so the grain, its callers and storage agree again.
/// </summary>
public sealed class StorageFailureDeactivation(ILogger<StorageFailureDeactivation> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (StorageFaults.IsStorageFailure(e) && context.TargetContext is { } grain
                                  && context.Request.GetInterfaceType() != typeof(IAgentGatewayGrain))
        {
            // The gateway holds no state, so it has nothing to read again. The reason carries no exception: Orleans
            // hands a deactivation's exception to the calls queued behind it, and an Azure exception must never
            // travel to an agent. ApplicationRequested forwards those calls to a fresh activation instead.
            FaultLog.DeactivatedAfterStorageFailure(logger, context.TargetId.ToString(), context.MethodName, e.GetType().Name);
            grain.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "A storage call failed; state is read again on the next call."));
            throw;
        }
    }
}
