namespace Ledgerlink.Agents;

/// <summary>Why the cluster could not answer an agent's call, in the contract's own words.</summary>
[GenerateSerializer, Alias("Ledgerlink.Agents.AgentErrorKind")]
public enum AgentErrorKind
{
    /// <summary>The cluster's storage did not answer; nothing was lost, the call can be made again later.</summary>
    StorageUnavailable,

    /// <summary>A silo the call needed was unreachable or too slow (a silo lost, the cluster restarting).</summary>
    ClusterUnavailable,

    /// <summary>Anything else the cluster did not expect; the call can be made again later.</summary>
    Unexpected,
}
