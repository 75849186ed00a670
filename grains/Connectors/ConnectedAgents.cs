using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ledgerlink.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Connectors;

/// <summary>
/// The agents this silo hears from: connector activations whose agent said hello or heartbeat within the presence
/// timeout. Exported as <c>ledgerlink.agents.connected</c>; summed over silos it is the fleet online now.
/// </summary>
public sealed class ConnectedAgents
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastHeard = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _presenceTimeout;

    public ConnectedAgents(IMeterFactory meters, IOptions<LedgerlinkGrainOptions> options, TimeProvider time)
    {
        _time = time;
        _presenceTimeout = options.Value.PresenceTimeout;
        meters.Create(LedgerlinkMeter.Name).CreateObservableGauge(
            "ledgerlink.agents.connected", Count, "{agent}", "Agents that said hello or heartbeat to a connector on this silo within the presence timeout.");
    }

    public void Heard(string connectorId, DateTimeOffset at) => _lastHeard[connectorId] = at;

    public void Lost(string connectorId) => _lastHeard.TryRemove(connectorId, out _);

    public int Count()
    {
        var cutoff = _time.GetUtcNow() - _presenceTimeout;
        return _lastHeard.Values.Count(at => at > cutoff);
    }
}
