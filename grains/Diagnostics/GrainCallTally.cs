using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Ledgerlink.Grains.Diagnostics;

/// <summary>
/// How many calls this silo's grains have received, per interface and method: what an operator (and the sync
/// benchmark) reads to see how many grain calls one batch costs.
/// </summary>
public sealed class GrainCallTally : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Interface, string Method), StrongBox<long>> _calls = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var box = _calls.GetOrAdd((context.InterfaceName, context.MethodName), _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
        return context.Invoke();
    }

    public IReadOnlyDictionary<string, long> Snapshot() =>
        _calls.ToDictionary(c => $"{c.Key.Interface}.{c.Key.Method}", c => Interlocked.Read(ref c.Value.Value), StringComparer.Ordinal);
}
