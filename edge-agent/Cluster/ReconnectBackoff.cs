namespace Ledgerlink.EdgeAgent.Cluster;

/// <summary>Exponential delays between attempts to reach the cluster, with jitter so many agents do not return in step.</summary>
public sealed class ReconnectBackoff(TimeSpan maximum)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    private int _attempt;

    public TimeSpan Next()
    {
        var exponential = First * Math.Pow(2, Math.Min(_attempt++, 16));
        var capped = exponential < maximum ? exponential : maximum;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    public void Reset() => _attempt = 0;
}
