using System.Net;
using Azure.Data.Tables;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Ledgerlink.Silo.Hosting;

/// <summary>
/// How silos find each other: one silo on this machine (Localhost), a membership table in the storage account the
/// cluster already uses (AzureTable, the default for many silos), or in Redis. On Kubernetes the pod's own address,
/// name and labels are used as well.
/// </summary>
public static class ClusteringSetup
{
    public static ISiloBuilder AddLedgerlinkClustering(this ISiloBuilder silo, LedgerlinkSiloOptions options)
    {
        var clustering = options.Clustering;
        switch (clustering.Mode)
        {
            case ClusteringMode.AzureTable:
                silo.UseAzureStorageClustering(table =>
                {
                    table.TableServiceClient = new TableServiceClient(clustering.TableConnectionString ?? options.Storage.ConnectionString);
                    table.TableName = clustering.TableName;
                });
                silo.ConfigureClusterEndpoints(clustering);
                break;
            case ClusteringMode.Redis:
                silo.UseRedisClustering(redis => redis.ConfigurationOptions =
                    StackExchange.Redis.ConfigurationOptions.Parse(clustering.RedisConnectionString!));
                silo.ConfigureClusterEndpoints(clustering);
                break;
            default:
                silo.UseLocalhostClustering(clustering.SiloPort, clustering.GatewayPort);
                break;
        }

        if (clustering.Kubernetes)
        {
            // The pod's IP (POD_IP), name and namespace come from the Downward API (deploy/kubernetes); pods of silos
            // that left the membership table are deleted so a lost silo is replaced rather than waited for.
            silo.UseKubernetesHosting(hosting => hosting.Configure(k => k.DeleteDefunctSiloPods = true));
        }

        return silo;
    }

    private static void ConfigureClusterEndpoints(this ISiloBuilder silo, LedgerlinkSiloOptions.ClusteringOptions clustering)
    {
        // A lost silo's grains are unreachable until the others declare it dead: detect that in seconds.
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = clustering.ProbeTimeout;
            membership.NumMissedProbesLimit = clustering.MissedProbesLimit;
        });

        if (clustering.Kubernetes && clustering.AdvertisedAddress is null)
        {
            // Kubernetes hosting advertises the pod's IP; only the ports are ours to set.
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloPort = clustering.SiloPort;
                endpoints.GatewayPort = clustering.GatewayPort;
            });
            return;
        }

        silo.ConfigureEndpoints(
            IPAddress.Parse(clustering.AdvertisedAddress ?? IPAddress.Loopback.ToString()),
            clustering.SiloPort,
            clustering.GatewayPort,
            listenOnAnyHostAddress: clustering.AdvertisedAddress is not null);
    }
}
