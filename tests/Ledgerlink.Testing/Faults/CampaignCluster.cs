using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Testing.Redis;

namespace Ledgerlink.Testing.Faults;

/// <summary>
/// Everything one fault run stands on, each process its own: an Azurite, Redis when the scenario clusters through it,
/// one silo (storage outage) or two (silo kill) and an integrator's HTTP client per silo. Agents are started per
/// company with every silo's gateway. Disposing stops and deletes everything it started.
/// </summary>
public sealed class CampaignCluster : IAsyncDisposable
{
    private const string ApiKey = "fault-campaign-integrator-key-Qm4Ty8Rv2";

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<string> _folders = [];

    private CampaignCluster(AzuriteServer azurite)
    {
        Azurite = azurite;
        _owned.Add(azurite);
    }

    public AzuriteServer Azurite { get; }

    public List<SiloProcess> Silos { get; } = [];

    public static async Task<CampaignCluster> StartAsync(FaultScenario scenario, CancellationToken cancellationToken)
    {
        var cluster = new CampaignCluster(await AzuriteServer.StartOwnedAsync(cancellationToken: cancellationToken));
        try
        {
            var clustering = new Dictionary<string, string?>();
            if (scenario == FaultScenario.SiloKillAzureTable)
            {
                clustering["Ledgerlink:Clustering:Mode"] = "AzureTable";
                clustering["Ledgerlink:Clustering:TableName"] = AzuriteFixture.UniqueTableName("silos");
            }
            else if (scenario == FaultScenario.SiloKillRedis)
            {
                var redis = await RedisServer.StartAsync(cancellationToken);
                cluster._owned.Add(redis);
                clustering["Ledgerlink:Clustering:Mode"] = "Redis";
                clustering["Ledgerlink:Clustering:RedisConnectionString"] = redis.ConnectionString;
            }

            var first = SiloProcess.Configure(cluster.Azurite.ConnectionString, [
                new("Ledgerlink:Api:BootstrapKeys:0:Key", ApiKey),
                new("Ledgerlink:Api:BootstrapKeys:0:TenantId", "faults"),
                new("Ledgerlink:Api:BootstrapKeys:0:Role", "Integrator"),
                new("Ledgerlink:Grains:HeartbeatInterval", "00:00:01"),
                .. clustering,
            ]);
            var settings = new List<Dictionary<string, string?>> { first };
            if (scenario.KillsASilo())
            {
                settings.Add(new Dictionary<string, string?>(first)
                {
                    ["Urls"] = $"http://127.0.0.1:{AzuriteServer.FreeTcpPort()}",
                    ["Ledgerlink:Clustering:SiloPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
                    ["Ledgerlink:Clustering:GatewayPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
                });
            }

            foreach (var silo in await Task.WhenAll(settings.Select(s => SiloProcess.StartAsync(s))))
            {
                cluster.Silos.Add(silo);
                cluster._owned.Add(silo);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public HttpClient Http(SiloProcess silo)
    {
        var http = silo.CreateHttpClient(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey))));
        http.Timeout = TimeSpan.FromSeconds(30);
        return http;
    }

    /// <summary>Creates a company, links an agent to it on <paramref name="company"/> and starts the agent.</summary>
    public async Task<(string CompanyId, ChildProcess Agent)> LinkedCompanyAsync(
        string name, Sage50CompanyLocation company, int? batchBytes, CancellationToken cancellationToken)
    {
        using var http = Http(Silos[0]);
        var companyId = (await PostAsync(http, "/companies", new { name, ownerEmail = "faults@example.com" }, cancellationToken))["id"]!.GetValue<string>();
        var linkCode = (await PostAsync(http, $"/companies/{companyId}/connections", new { platformKey = "hbql" }, cancellationToken))["linkCode"]!.GetValue<string>();

        var folder = Path.Combine(Path.GetTempPath(), $"ledgerlink-faults-agent-{Guid.NewGuid():N}");
        _folders.Add(folder);
        var extra = new Dictionary<string, string?>();
        for (var i = 1; i < Silos.Count; i++)
        {
            extra[$"Ledgerlink:Agent:Gateways:{i}"] = Silos[i].Gateway;
        }

        if (batchBytes is { } bytes)
        {
            extra["Ledgerlink:Agent:BatchBytes"] = bytes.ToString(CultureInfo.InvariantCulture);
        }

        var agent = AgentProcess.For(Silos[0], folder, extra);
        var link = await agent.LinkAsync(companyId, linkCode, company.DataDirectory, company.UserName, company.Password);
        if (link.ExitCode != 0)
        {
            throw new InvalidOperationException($"link of {name} exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");
        }

        var running = agent.Run();
        _owned.Add(running);
        return (companyId, running);
    }

    public async ValueTask DisposeAsync()
    {
        // Agents first, so none is left reconnecting to a silo that is being stopped.
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A log still open while the agent is reaped; temp is cleaned by the OS.
            }
        }
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }
}
