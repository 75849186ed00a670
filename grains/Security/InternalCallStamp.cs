namespace Ledgerlink.Grains.Security;

/// <summary>
/// Marks every call a silo makes (grain to grain, the HTTP API's, Orleans' own) with the cluster's stamp, which
/// <see cref="ExternalCallFilter"/> looks for. Never on a call to a client: an agent's observer must not learn it.
/// </summary>
public sealed class InternalCallStamp(ClusterKeys keys) : IOutgoingGrainCallFilter
{
    public const string Key = "ll-cluster";

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.TargetId.IsClient())
        {
            RequestContext.Remove(Key);
        }
        else
        {
            RequestContext.Set(Key, keys.InternalCallStamp);
        }

        return context.Invoke();
    }
}
