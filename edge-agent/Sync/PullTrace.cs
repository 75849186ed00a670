using System.Diagnostics;
using Ledgerlink.Connectors;

namespace Ledgerlink.EdgeAgent.Sync;

/// <summary>
/// A pull joins the trace of the request that asked for it (the StartPull's <see cref="AgentCommand.TraceParent"/>):
/// its log lines carry that trace id, and its calls to the gateway carry it back to the cluster (Orleans activity
/// propagation). Pulls without a trace context, and everything else the agent does, create no activities at all.
/// </summary>
public static class PullTrace
{
    public const string SourceName = "Ledgerlink.Agent";

    private static readonly ActivitySource Source = new(SourceName);

    static PullTrace()
    {
        // Activities exist only where something listens; this listener keeps the ids (no timing or tags) and only for
        // work that is already part of a trace, so untraced work costs nothing.
        ActivitySource.AddActivityListener(new ActivityListener
        {
            ShouldListenTo = source =>
                source.Name == SourceName || source.Name == Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent == default ? ActivitySamplingResult.None : ActivitySamplingResult.PropagationData,
        });
    }

    /// <summary>The pull's activity, child of the requesting trace; null when the command carries none (or a malformed one).</summary>
    public static Activity? Start(AgentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity("pull " + command.DataType, ActivityKind.Consumer, parent)
            : null;
    }
}
