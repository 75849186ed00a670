using Ledgerlink.Diagnostics;
using Orleans.Concurrency;

namespace Ledgerlink.Grains.Diagnostics;

[StatelessWorker]
public sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask<int> Ping(int value) => ValueTask.FromResult(value);
}
