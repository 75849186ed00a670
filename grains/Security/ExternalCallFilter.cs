using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Agents;
using Ledgerlink.Grains.Agents;
using Ledgerlink.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Security;

/// <summary>
/// The gateway's allow-list. A call that does not carry the cluster's <see cref="InternalCallStamp"/> came from
/// outside the cluster (an agent, or anyone who reached the gateway port) and may reach only the agent contract:
/// <see cref="IAgentGatewayGrain"/>, plus what an Orleans client itself needs to connect (the cluster manifest) and to
/// cancel its own calls to the gateway. Everything else, including interfaces added later, is refused.
/// </summary>
public sealed class ExternalCallFilter(
    ClusterKeys keys,
    RegistrationLimiter registrations,
    IOptions<ExternalCallOptions> options,
    TimeProvider time,
    ILogger<ExternalCallFilter> logger,
    IMeterFactory meters)
    : IIncomingGrainCallFilter
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);
    private readonly byte[] _stamp = Encoding.UTF8.GetBytes(keys.InternalCallStamp);
    private readonly Counter<long> _refused = meters.Create(LedgerlinkMeter.Name).CreateCounter<long>(
        "ledgerlink.gateway.calls_refused", unit: "{call}", description: "Calls from outside the cluster refused by the allow-list");

    private readonly ISet<string> _alsoAllowed = options.Value.AlsoAllowed;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastWarning = new(StringComparer.Ordinal);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (IsStamped() || IsOwnTimerTick(context))
        {
            return context.Invoke();
        }

        var target = $"{context.InterfaceName}.{context.MethodName}";
        if (IsAgentContract(context))
        {
            // Registering needs no credential, so it is the one call whose rate is bounded here, per caller and in all.
            if (context.MethodName == nameof(IAgentGatewayGrain.Register)
                && !registrations.TryAcquire(context.SourceId?.ToString() ?? string.Empty))
            {
                Count(target, "rate-limited");
                throw new AgentAccessDeniedException(
                    $"Too many new connectors registered; try again in a minute (at most {registrations.PerMinute} a minute).");
            }

            return context.Invoke();
        }

        Count(target, "not-agent-contract");
        WarnNow(target, context.SourceId);
        throw new AgentAccessDeniedException(
            $"{target} cannot be called from outside the cluster: clients may call only {nameof(IAgentGatewayGrain)}.");
    }

    /// <summary>Calls refused so far by this silo (all reasons); the metric carries the same count.</summary>
    public long RefusedCount => Interlocked.Read(ref _refusedCount);

    private long _refusedCount;

    private void Count(string target, string reason)
    {
        Interlocked.Increment(ref _refusedCount);
        _refused.Add(1, new KeyValuePair<string, object?>("method", target), new KeyValuePair<string, object?>("reason", reason));
    }

    private void WarnNow(string target, GrainId? caller)
    {
        var now = time.GetUtcNow();
        var last = _lastWarning.GetOrAdd(target, DateTimeOffset.MinValue);
        if (now - last >= WarningInterval && _lastWarning.TryUpdate(target, now, last))
        {
            ExternalCallFilterLog.Refused(logger, target, caller?.ToString() ?? "(unknown)");
        }
    }

    private bool IsStamped() =>
        RequestContext.Get(InternalCallStamp.Key) is string stamp
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), _stamp);

    /// <summary>
    /// A grain timer's tick: Orleans delivers it to the grain itself from inside the silo, never over a connection
    /// (its body type has no serializer), so it carries no stamp.
    /// </summary>
    private static bool IsOwnTimerTick(IIncomingGrainCallContext context) =>
        context.SourceId == context.TargetId
        && context.Request.GetInterfaceType().FullName == "Orleans.Runtime.IGrainTimerInvoker";

    private bool IsAgentContract(IIncomingGrainCallContext context)
    {
        var contract = context.Request.GetInterfaceType();
        if (contract == typeof(IAgentGatewayGrain))
        {
            return true;
        }

        // Orleans' own, by name because both interfaces are internal to Orleans: the manifest a client fetches on
        // connecting, and the cancellation of a client's own pending call (allowed only towards the agent gateway).
        return contract.FullName switch
        {
            "Orleans.Runtime.IClusterManifestSystemTarget" => true,
            "Orleans.Runtime.IGrainCallCancellationExtension" => context.TargetContext?.GrainInstance is AgentGatewayGrain,
            { } name => _alsoAllowed.Contains(name),
            _ => false,
        };
    }
}
