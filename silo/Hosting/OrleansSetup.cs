using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Ledgerlink.Silo.Hosting;

/// <summary>Clustering, identity, storage and dashboard of the Orleans silo inside the web host.</summary>
public static class OrleansSetup
{
    /// <summary>Twice the largest batch an agent may send (4 MiB), instead of Orleans' 100 MB default.</summary>
    public const int MaxMessageBodySize = 2 * Ledgerlink.Grains.Hosting.LedgerlinkGrainOptions.DefaultMaxBatchBytes;

    public static WebApplicationBuilder AddLedgerlinkSilo(this WebApplicationBuilder builder, LedgerlinkSiloOptions options)
    {
        builder.UseOrleans(silo =>
        {
            var clustering = options.Clustering;
            silo.AddLedgerlinkClustering(options);

            if (clustering.GatewayListeningPort is { } listeningPort && listeningPort != clustering.GatewayPort)
            {
                // Agents dial GatewayPort (the silo advertises it) but traffic arrives on another port, e.g. through a
                // port mapping; Orleans binds the gateway where GatewayListeningEndpoint says and keeps advertising GatewayPort.
                silo.Configure<EndpointOptions>(endpoints => endpoints.GatewayListeningEndpoint = new IPEndPoint(
                    endpoints.GatewayListeningEndpoint?.Address ?? endpoints.AdvertisedIPAddress, listeningPort));
            }

            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });

            // The gateway faces the internet: a message need be no larger than an agent's batch, and one address may
            // open only so many connections a minute.
            silo.Configure<SiloMessagingOptions>(messaging => messaging.MaxMessageBodySize = MaxMessageBodySize);
            silo.Configure<SiloConnectionOptions>(connections => connections.ConfigureGatewayInboundConnection(pipeline =>
            {
                var limiter = pipeline.ApplicationServices.GetRequiredService<GatewayConnectionLimiter>();
                pipeline.Use(limiter.Wrap);
            }));
            silo.Services.AddSingleton(sp => new GatewayConnectionLimiter(
                clustering.GatewayConnectionsPerMinute, sp.GetRequiredService<ILogger<GatewayConnectionLimiter>>()));

            // Grain calls carry the caller's trace context, so a request's trace id reaches the grains it calls.
            silo.AddActivityPropagation();
            silo.AddLedgerlinkTls(options);
            silo.AddLedgerlinkStorage(options);
            silo.AddLedgerlinkGrainServices(options, builder.Configuration);
            // The live trace streams every log line of the silo (ids, hosts, errors) to whoever holds the operator key's
            // browser session; operators read logs through the log pipeline instead.
            silo.AddDashboard(dashboard => dashboard.HideTrace = true);
        });
        return builder;
    }
}
