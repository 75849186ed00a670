using Ledgerlink.Agents;
using Ledgerlink.Connectors;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Logging;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Supervision;
using Ledgerlink.EdgeAgent.Sync;
using Ledgerlink.EdgeAgent.Updates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Cluster;

/// <summary>
/// The agent's life: connect, say hello, heartbeat, run what the cluster asks; and when the cluster is gone (silo
/// down, network cut, laptop asleep) drop everything of that session and connect again, with backoff, for ever.
/// Interrupted pulls lose nothing: their commands stay in the cluster's outbox and resume from the last acknowledged batch.
/// </summary>
public sealed class AgentService(
    AgentOptions options,
    AgentIdentityStore identities,
    PullRunner runner,
    AgentStatus status,
    SyncActivity activity,
    RestartCoordinator restarts,
    BrandingCache branding,
    AgentUpdater updates,
    ILoggerFactory loggerFactory,
    ILogger<AgentService> logger) : BackgroundService
{
    public static AgentHello Hello { get; } =
        new(Environment.MachineName, AgentVersion.Current, Environment.ProcessId, AgentCapabilities.PushedCommands);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AgentLog.Starting(logger, AgentVersion.Current, options.ResolvedDataFolder, string.Join(',', options.ResolvedGateways), options.ClusterId, options.ServiceId);
        if (!options.Tls.Enabled)
        {
            AgentLog.TlsOff(logger);
        }

        var backoff = new ReconnectBackoff(options.MaxReconnectDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await ClusterConnection.OpenAsync(options, loggerFactory, stoppingToken);
                var identity = await identities.EnsureRegisteredAsync(connection.Client, Hello, stoppingToken);
                status.Identified(identity.ConnectorId);
                try
                {
                    await RunSessionAsync(connection.Client, identity, backoff, stoppingToken);
                    continue;
                }
                catch (AgentAccessDeniedException e)
                {
                    AgentLog.CredentialRefused(logger, identity.ConnectorId, e.Message, options.MaxReconnectDelay);
                    status.Disconnected("the cluster refused this agent's credential");
                    await DelayAsync(options.MaxReconnectDelay, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (AgentConfigurationException)
            {
                throw;
            }
            catch (Exception e)
            {
                var delay = backoff.Next();
                AgentLog.ConnectionLost(logger, e.GetType().Name, e.Message, delay);
                status.Disconnected("cluster unreachable");
                await DelayAsync(delay, stoppingToken);
            }
        }
    }

    private async Task RunSessionAsync(IClusterClient client, AgentIdentity identity, ReconnectBackoff backoff, CancellationToken stoppingToken)
    {
        var doorbell = new Doorbell();
        var observer = client.CreateObjectReference<IAgentObserver>(doorbell);
        var gateway = client.GetGrain<IAgentGatewayGrain>(identity.ConnectorId);
        var credential = identity.Credential;
        try
        {
            var session = await gateway.Hello(credential, Hello, observer).WaitAsync(stoppingToken);
            backoff.Reset();
            (identity, credential) = await RotateIfDueAsync(gateway, identity, session, observer, stoppingToken);
            status.Connected(identity.ConnectorId, gateway, credential, session);
            updates.Connected(session.TargetVersion);
            AgentLog.Connected(logger, identity.ConnectorId, session.CompanyIds.Count, session.Commands.Count);
            await branding.FollowAsync(gateway, credential, session.BrandingTag, logger, stoppingToken);
            await using var pulls = new PullScheduler(runner, gateway, () => credential, options.MaxConcurrentPulls, logger, stoppingToken, activity);
            pulls.Accept(session.Commands);
            doorbell.TakePushedCommandsWith(commands =>
            {
                AgentLog.CommandsPushed(logger, commands.Count);
                pulls.Accept(commands);
            });
            var failures = 0;
            while (true)
            {
                var interval = session.HeartbeatInterval > TimeSpan.Zero ? session.HeartbeatInterval : TimeSpan.FromSeconds(5);
                await Task.WhenAny(doorbell.WaitAsync(interval, stoppingToken), pulls.RestartRequested.Task);
                stoppingToken.ThrowIfCancellationRequested();
                if (pulls.RestartRequested.Task.IsCompleted)
                {
                    AgentLog.RestartRequested(logger);
                    await restarts.RestartAsync(pulls.RestartReason ?? "support asked for a restart", stoppingToken);
                    return;
                }

                try
                {
                    session = await gateway.Heartbeat(credential, observer).WaitAsync(Max(interval * 2, TimeSpan.FromSeconds(10)), stoppingToken);
                    failures = 0;
                    if (session.RotateSecret)
                    {
                        (identity, credential) = await RotateIfDueAsync(gateway, identity, session, observer, stoppingToken);
                        status.Connected(identity.ConnectorId, gateway, credential, session);
                    }

                    status.SessionUpdated(session);
                    updates.Offered(session.TargetVersion);
                    pulls.Accept(session.Commands);
                    await branding.FollowAsync(gateway, credential, session.BrandingTag, logger, stoppingToken);
                }
                catch (Exception e) when (PullRunner.IsConnectionProblem(e))
                {
                    failures++;
                    AgentLog.HeartbeatFailed(logger, failures, e.GetType().Name, e.Message);
                    if (failures >= options.FailedHeartbeatsBeforeReconnect)
                    {
                        throw;
                    }
                }
            }
        }
        finally
        {
            try
            {
                client.DeleteObjectReference<IAgentObserver>(observer);
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or OrleansException)
            {
                // The client is going away with it.
            }
        }
    }

    private async Task<(AgentIdentity, AgentCredential)> RotateIfDueAsync(
        IAgentGatewayGrain gateway, AgentIdentity identity, AgentSession session, IAgentObserver observer, CancellationToken cancellationToken)
    {
        if (!session.RotateSecret)
        {
            return (identity, identity.Credential);
        }

        var rotated = await identities.RotateAsync(gateway, identity, cancellationToken);

        // The first call with the new secret makes it the only one the cluster accepts.
        await gateway.Heartbeat(rotated.Credential, observer).WaitAsync(cancellationToken);
        AgentLog.SecretRotated(logger, rotated.ConnectorId);
        return (rotated, rotated.Credential);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
