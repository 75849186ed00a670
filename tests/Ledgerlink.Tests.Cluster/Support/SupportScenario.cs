using System.Net;
using System.Text.Json.Nodes;
using Ledgerlink.Connectors;
using Ledgerlink.Tenants;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Support;

/// <summary>
/// One real silo (Kestrel + Orleans over Azurite), a support client, integrator clients for two tenants and a scripted
/// agent (a real Orleans client) that has registered and said hello.
/// </summary>
public sealed class SupportScenario : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private SupportScenario(RunningSilo silo, ScriptedAgent agent)
    {
        Silo = silo;
        Agent = agent;
        Support = silo.CreateHttpClient(TestApiKeys.Support);
        IntegratorA = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        IntegratorB = silo.CreateHttpClient(TestApiKeys.IntegratorB);
    }

    public RunningSilo Silo { get; }

    public ScriptedAgent Agent { get; }

    public HttpClient Support { get; }

    public HttpClient IntegratorA { get; }

    public HttpClient IntegratorB { get; }

    public string ConnectorId => Agent.ConnectorId;

    /// <summary>The id the audit log shows for an API key: the bootstrap key's id is the start of its hash.</summary>
    public static string KeyIdOf(string apiKey) => ApiKeyHash.Compute(apiKey)[..12];

    public static async Task<SupportScenario> StartAsync(AzuriteFixture azurite)
    {
        var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        try
        {
            var agent = await ScriptedAgent.ConnectAsync(silo);
            await agent.RegisterAndHelloAsync();
            return new SupportScenario(silo, agent);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>A company created by <paramref name="integrator"/>, with a Sage 50 connection the scripted agent has linked.</summary>
    public async Task<(string CompanyId, string ConnectionId)> LinkedCompanyAsync(HttpClient integrator, string name)
    {
        using var created = await integrator.PostJsonAsync("/companies", new { name, ownerEmail = "owner@example.test" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var companyId = (await created.JsonAsync())["id"]!.GetValue<string>();
        using var connection = await integrator.PostJsonAsync($"/companies/{companyId}/connections", new { platformKey = "hbql" });
        Assert.Equal(HttpStatusCode.OK, connection.StatusCode);
        var issued = await connection.JsonAsync();
        var connectionId = issued["id"]!.GetValue<string>();
        var link = await Agent.LinkAsync(companyId, issued["linkCode"]!.GetValue<string>(), sageCompanyName: name);
        Assert.True(link.Linked, link.Reason);
        return (companyId, connectionId);
    }

    /// <summary>Queues one data type over the integrator API and returns the pull operation's id.</summary>
    public static async Task<string> QueueAsync(HttpClient integrator, string companyId, string dataType)
    {
        using var response = await integrator.PostAsync(new Uri($"/companies/{companyId}/data/queue/{dataType}", UriKind.Relative), null);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("Queued", body["status"]!.GetValue<string>());
        return body["id"]!.GetValue<string>();
    }

    /// <summary>Waits for the agent to receive the next command of <paramref name="kind"/> for <paramref name="datasetId"/>, skipping others.</summary>
    public async Task<AgentCommand> NextCommandAsync(AgentCommandKind kind, string? datasetId = null)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var command = await Agent.NextCommandAsync(Patience);
            if (command.Kind == kind && (datasetId is null || command.PullOperationId == datasetId))
            {
                return command;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"No {kind} command for {datasetId ?? "(any)"} reached the agent.");
            }
        }
    }

    public static async Task<JsonNode> PullOperationAsync(HttpClient integrator, string companyId, string datasetId) =>
        await integrator.GetJsonAsync($"/companies/{companyId}/data/history/{datasetId}");

    public static IReadOnlyList<string> Records(string dataType, int count) =>
        Enumerable.Range(0, count).Select(i => $"{{\"id\":\"{dataType}-{i}\",\"n\":{i}}}").ToArray();

    public async ValueTask DisposeAsync()
    {
        Support.Dispose();
        IntegratorA.Dispose();
        IntegratorB.Dispose();
        try
        {
            await Agent.DisposeAsync();
        }
        finally
        {
            await Silo.DisposeAsync();
        }
    }
}
