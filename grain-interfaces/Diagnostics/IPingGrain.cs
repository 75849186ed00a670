namespace Ledgerlink.Diagnostics;

/// <summary>The smallest possible grain call: the baseline that benchmarks compare against.</summary>
[Alias("Ledgerlink.Diagnostics.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    ValueTask<int> Ping(int value);
}
