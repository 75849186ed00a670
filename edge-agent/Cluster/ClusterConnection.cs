using System.Net;
using System.Net.Sockets;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Ledgerlink.EdgeAgent.Cluster;

/// <summary>
/// One Orleans client connection to the cluster's gateways. A lost connection is not repaired in place: the agent
/// disposes it and opens a new one, which starts from a clean slate however long the silo or the network was away.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private static int OpenClients;

    private readonly IHost _host;
    private readonly ILogger _logger;

    private ClusterConnection(IHost host, ILogger logger) => (_host, _logger) = (host, logger);

    /// <summary>
    /// Cluster clients of this process not yet stopped and disposed. Process-wide, because a restart inside the process
    /// (<see cref="Supervision.WorkerHost"/>) reads it after the host that opened them is gone: a new host may say
    /// hello only when the old one's client is closed.
    /// </summary>
    public static int Open => Volatile.Read(ref OpenClients);

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects once; throws if no gateway answers (the caller decides when to try again).</summary>
    public static async Task<ClusterConnection> OpenAsync(AgentOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var gateways = await ResolveAsync(options.ResolvedGateways, cancellationToken);
        var pins = options.Tls.Enabled ? options.Tls.LoadPins() : null;
        string? refusal = null;
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddSingleton(loggerFactory))
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(gateways);

                // A traced pull's gateway calls carry its trace id into the cluster (see Sync/PullTrace).
                client.AddActivityPropagation();
                client.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
                client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.ResponseTimeout);
                if (pins is not null)
                {
                    client.UseLedgerlinkTls(pins, reason => Volatile.Write(ref refusal, reason));
                }
            })
            .Build();
        Interlocked.Increment(ref OpenClients);
        var logger = loggerFactory.CreateLogger<ClusterConnection>();
        try
        {
            // A client that cannot reach a gateway should fail, not wait: the agent's own loop decides when to retry.
            await host.StartAsync(cancellationToken).WaitAsync(options.ResponseTimeout, cancellationToken);
            return new ClusterConnection(host, logger);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await DisposeHostAsync(host, logger);

            // Without this, a refused certificate looks like a gateway that does not answer.
            if (Volatile.Read(ref refusal) is { } reason)
            {
                throw new SiloCertificateRefusedException(reason);
            }

            throw;
        }
        catch
        {
            await DisposeHostAsync(host, logger);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await DisposeHostAsync(_host, _logger);

    private static async Task DisposeHostAsync(IHost host, ILogger logger)
    {
        // A client whose gateway is gone cannot say goodbye: give it a few seconds, then leave it to finish on its own
        // rather than hold up the next connection.
        var closing = Task.Run(async () =>
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await host.StopAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or OrleansException or ObjectDisposedException or TimeoutException)
            {
                // Already disconnected: nothing left to close cleanly.
            }
            finally
            {
                host.Dispose();
                AgentLog.ClientClosed(logger, Interlocked.Decrement(ref OpenClients));
            }
        });
        await Task.WhenAny(closing, Task.Delay(TimeSpan.FromSeconds(10)));
    }

    private static async Task<IPEndPoint[]> ResolveAsync(IReadOnlyList<string> gateways, CancellationToken cancellationToken)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var gateway in gateways)
        {
            var separator = gateway.LastIndexOf(':');
            if (separator <= 0 || !int.TryParse(gateway.AsSpan(separator + 1), System.Globalization.CultureInfo.InvariantCulture, out var port)
                || port is <= 0 or > 65535)
            {
                throw new AgentConfigurationException($"Gateway '{gateway}' is not host:port (Ledgerlink:Agent:Gateways).");
            }

            var host = gateway[..separator].Trim('[', ']');
            if (IPAddress.TryParse(host, out var address))
            {
                endpoints.Add(new IPEndPoint(address, port));
                continue;
            }

            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            endpoints.AddRange(addresses.Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                .Take(1).Select(a => new IPEndPoint(a, port)));
        }

        return [.. endpoints];
    }
}
