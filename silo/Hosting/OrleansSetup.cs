using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Ledgerlink.Silo.Hosting;

/// <summary>Clustering, identity, storage and dashboard of the Orleans silo inside the web host.</summary>
public static class OrleansSetup
{
    public static WebApplicationBuilder AddLedgerlinkSilo(this WebApplicationBuilder builder, LedgerlinkSiloOptions options)
    {
        builder.UseOrleans(silo =>
        {
            var clustering = options.Clustering;
            switch (clustering.Mode)
            {
                case ClusteringMode.Redis:
                    silo.UseRedisClustering(redis => redis.ConfigurationOptions =
                        StackExchange.Redis.ConfigurationOptions.Parse(clustering.RedisConnectionString!));
                    silo.ConfigureEndpoints(
                        IPAddress.Parse(clustering.AdvertisedAddress ?? IPAddress.Loopback.ToString()),
                        clustering.SiloPort,
                        clustering.GatewayPort,
                        listenOnAnyHostAddress: clustering.AdvertisedAddress is not null);
                    break;
                default:
                    silo.UseLocalhostClustering(clustering.SiloPort, clustering.GatewayPort);
                    break;
            }

            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });

            silo.AddLedgerlinkStorage(options);
            silo.AddLedgerlinkGrainServices(options, builder.Configuration);
            silo.AddDashboard(_ => { });
        });
        return builder;
    }
}
