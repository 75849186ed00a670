using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Grains.PullOperations;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>Starts a fresh cluster (own containers, own service id) for every test and stops it afterwards.</summary>
public abstract class OrchestrationTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string TenantId = "tenant-test";

    private readonly List<ScriptedAgent> _agents = [];

    protected AzuriteFixture Azurite => azurite;

    protected OrchestrationCluster Cluster { get; private set; } = null!;

    protected IClusterClient Client => Cluster.Client;

    protected IGrainFactory Grains => Cluster.Grains;

    public async Task InitializeAsync() =>
        Cluster = await OrchestrationCluster.StartAsync(azurite, configure: Configure, services: ConfigureServices);

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    protected virtual void Configure(LedgerlinkGrainOptions options)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected ICompanyGrain Company(string id) => Grains.GetGrain<ICompanyGrain>(id);

    protected IConnectorGrain Connector(string id) => Grains.GetGrain<IConnectorGrain>(id);

    protected IPullOperationGrain Operation(string id) => Grains.GetGrain<IPullOperationGrain>(id);

    /// <summary>
    /// A pull operation reached as the API and the gateway reach it: a queued one has written nothing of its own and is
    /// made from its company's record (<see cref="PullOperationLookup"/>).
    /// </summary>
    protected async Task<IPullOperationGrain> KnownOperation(ICompanyGrain company, string id)
    {
        Assert.NotNull(await PullOperationLookup.FindAsync(Grains, id, company.GetPrimaryKeyString()));
        return Operation(id);
    }

    protected static CompanyProfile Profile(string name = "Stationery & Co") =>
        new(name, "Paper and pens", "owner@stationery.example", new Dictionary<string, string> { ["region"] = "uk" }, false);

    /// <summary>A company with a pending hbql connection, as an integrator leaves it before the agent links.</summary>
    protected async Task<ICompanyGrain> CreateCompanyAsync(bool withConnection = true)
    {
        var company = Company($"company-{Guid.NewGuid():N}");
        await company.Create(TenantId, Profile());
        if (withConnection)
        {
            Assert.NotNull(await company.CreateConnection("hbql"));
        }

        return company;
    }

    /// <summary>
    /// What the integrator does to let an agent link: a new one-time link code for the live connection (through the
    /// silo's own grain factory, as the HTTP API does).
    /// </summary>
    protected async Task<string> LinkCodeAsync(ICompanyGrain company)
    {
        var inSilo = Cluster.Grains.GetGrain<ICompanyGrain>(company.GetPrimaryKeyString());
        var live = (await inSilo.Get())!.Connections.First(c => c.Status is ConnectionStatus.PendingAuth or ConnectionStatus.Linked);
        return (await inSilo.IssueLinkCode(live.Id))!.Code;
    }

    protected async Task<ScriptedAgent> RegisterAgentAsync(IClusterClient? client = null, bool takesPushedCommands = false)
    {
        var agent = await ScriptedAgent.RegisterAsync(client ?? Client, takesPushedCommands: takesPushedCommands);
        _agents.Add(agent);
        return agent;
    }

    protected ScriptedAgent AgentWith(Ledgerlink.Agents.AgentCredential credential, IClusterClient? client = null)
    {
        var agent = ScriptedAgent.With(client ?? Client, credential);
        _agents.Add(agent);
        return agent;
    }

    /// <summary>A company linked to a registered (and connected) agent.</summary>
    protected async Task<(ICompanyGrain Company, ScriptedAgent Agent)> LinkedCompanyAsync(bool takesPushedCommands = false)
    {
        var company = await CreateCompanyAsync();
        var agent = await RegisterAgentAsync(takesPushedCommands: takesPushedCommands);
        Assert.True((await agent.LinkAsync(company.GetPrimaryKeyString(), await LinkCodeAsync(company))).Linked);
        await agent.HelloAsync();
        return (company, agent);
    }

    protected static async Task<PullOperationInfo> QueueAsync(ICompanyGrain company, string dataType)
    {
        var outcome = await company.QueueRefresh(dataType);
        Assert.Null(outcome.Refusal);
        Assert.NotNull(outcome.Operation);
        return outcome.Operation;
    }

    /// <summary>Runs a whole pull on the agent side: start, the given batches in order, complete.</summary>
    protected static async Task<PullReport> RunPullAsync(ScriptedAgent agent, string datasetId, params IReadOnlyList<string>[] batches)
    {
        var start = await agent.StartPullAsync(datasetId);
        Assert.True(start.ContinueSync);
        for (var i = 0; i < batches.Length; i++)
        {
            var ack = await agent.SendAsync(datasetId, Batches.Of(i, batches[i]));
            Assert.True(ack.Accepted, ack.Reason);
        }

        return await agent.CompleteAsync(datasetId, batches.Sum(b => b.Count));
    }
}
