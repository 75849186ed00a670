namespace Ledgerlink.Grains.Security;

/// <summary>
/// Interfaces besides the agent contract that a client from outside may call, by full name. Empty in every deployment;
/// an in-process test cluster adds Orleans' test hooks, which its own client needs to see the silos start.
/// </summary>
public sealed class ExternalCallOptions
{
    public ISet<string> AlsoAllowed { get; } = new HashSet<string>(StringComparer.Ordinal);
}
