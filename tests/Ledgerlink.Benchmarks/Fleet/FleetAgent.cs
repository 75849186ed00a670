using System.Diagnostics;
using Ledgerlink.Connectors;
using Ledgerlink.Testing.Infrastructure;

namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>
/// One simulated edge agent of the fleet: its own TLS Orleans client (a <see cref="ScriptedAgent"/>, which speaks only
/// the agent contract with its own connector credential), a heartbeat at the interval the cluster's session gives, and
/// commands handled as the agent handles them: a StartPull is pushed with the doorbell (its hello declares it, as the
/// agent's does; fetched by a heartbeat on a ring otherwise), stamped on arrival, and run to
/// completion with a tiny company's records, so the connector's outbox drains and the data type can be refreshed again.
/// </summary>
internal sealed class FleetAgent(ScriptedAgent agent, string companyId, TimeSpan heartbeatInterval, bool syncing, FleetCounters counters)
{
    private const int RecordsPerPull = 10;
    private static readonly TimeSpan PullPatience = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _pullsDone = new(0);

    public bool Syncing => syncing;

    /// <summary>Connects, registers a new connector, says hello and links its company with the integrator's link code.</summary>
    public static async Task<FleetAgent> ConnectAsync(FleetWorkerSettings settings, FleetAssignment assignment, FleetCounters counters)
    {
        var agent = await ScriptedAgent.ConnectAsync(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
        try
        {
            var session = await agent.RegisterAndHelloAsync();
            var link = await agent.LinkAsync(assignment.CompanyId, assignment.LinkCode);
            if (!link.Linked)
            {
                throw new InvalidOperationException($"Company {assignment.CompanyId} was not linked: {link.Reason}");
            }

            return new FleetAgent(agent, assignment.CompanyId, session.HeartbeatInterval, assignment.Syncing, counters);
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>Heartbeats until stopped; the first one at a random point of the interval, as agents booted at different times.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(heartbeatInterval * Random.Shared.NextDouble(), cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await agent.HeartbeatAsync();
                counters.Heartbeat();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                counters.Failed("heartbeat", e);
            }

            await Task.Delay(heartbeatInterval, cancellationToken);
        }
    }

    /// <summary>Takes every command the sessions bring; StartPull arrivals of non-syncing agents are reported for matching.</summary>
    public async Task HandleCommandsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var command = await agent.NextCommandAsync(Timeout.InfiniteTimeSpan);
            var arrived = Stopwatch.GetTimestamp();
            if (command.Kind != AgentCommandKind.StartPull || command.PullOperationId is not { } pullOperationId)
            {
                continue;
            }

            if (!syncing)
            {
                counters.Arrived(pullOperationId, arrived);
            }

            try
            {
                await agent.RunPullAsync(pullOperationId, ScriptedAgent.Records(command.DataType ?? "customers", RecordsPerPull));
                counters.PullCompleted(syncing);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                counters.Failed("pull", e);
            }
            finally
            {
                _pullsDone.Release();
            }
        }
    }

    /// <summary>
    /// The syncing share: presses "Sync now" (every data type of its company), waits for the pulls it queued to finish,
    /// and presses again, until stopped.
    /// </summary>
    public async Task SyncContinuouslyAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int queued;
            try
            {
                queued = await agent.Gateway.SyncNow(agent.Credential, companyId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                counters.Failed("sync now", e);
                queued = 0;
            }

            if (queued == 0)
            {
                // Everything is still in progress from the last round: pace the next press instead of spinning.
                await Task.Delay(heartbeatInterval, cancellationToken);
                continue;
            }

            for (var i = 0; i < queued; i++)
            {
                if (!await _pullsDone.WaitAsync(PullPatience, cancellationToken))
                {
                    counters.Failed("sync now", new TimeoutException($"{queued - i} of {queued} pulls not done within {PullPatience}"));
                    break;
                }
            }
        }
    }
}
