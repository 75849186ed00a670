using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Data;

/// <summary>
/// One company on a real silo, linked to a scripted agent on a real Orleans client, driven through the HTTP API:
/// queue syncs, let the agent run them with records the test chooses, read the data back.
/// </summary>
public sealed class DataScenario : IAsyncDisposable
{
    public const string OwnerEmail = "Owner@Acme.example";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<AgentCommand> _otherCommands = [];

    private DataScenario(RunningSilo silo, HttpClient http, ScriptedAgent agent, string companyId)
    {
        Silo = silo;
        Http = http;
        Agent = agent;
        CompanyId = companyId;
    }

    public RunningSilo Silo { get; }

    public HttpClient Http { get; }

    public ScriptedAgent Agent { get; }

    public string CompanyId { get; }

    /// <summary>Commands the agent received that were not the StartPulls a sync waited for (CancelPulls, for instance).</summary>
    public IReadOnlyList<AgentCommand> OtherCommands => _otherCommands;

    public static async Task<DataScenario> StartAsync(
        AzuriteFixture azurite, IDictionary<string, string?>? overrides = null, bool bankFeedsConnected = false)
    {
        var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString, overrides));
        var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        using var created = await http.PostJsonAsync("/companies", new
        {
            name = "Acme Widgets Ltd",
            description = "Reset and restore",
            ownerEmail = OwnerEmail,
            bankFeedsConnected,
            tags = new Dictionary<string, string> { ["region"] = "uk" },
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var companyId = (await created.JsonAsync())["id"]!.GetValue<string>();
        var linkCode = await IntegratorLinkCode.NewAsync(http, companyId);
        var agent = await ScriptedAgent.ConnectAsync(silo);
        await agent.RegisterAndHelloAsync();
        var link = await agent.LinkAsync(companyId, linkCode);
        Assert.True(link.Linked, link.Reason);
        return new DataScenario(silo, http, agent, companyId);
    }

    /// <summary>Records of a data type, marked with <paramref name="tag"/> so that two syncs' data can be told apart.</summary>
    public static List<string> Records(string dataType, int count, string tag) =>
        Enumerable.Range(1, count)
            .Select(i => $$$"""{"id":"{{{dataType}}}-{{{i}}}","amount":{{{i}}}.25,"tag":"{{{tag}}}","contact":{"name":"Contact {{{i % 7}}}"}}""")
            .ToList();

    /// <summary>Queues one data type through the API and returns the pull operation id.</summary>
    public async Task<string> QueueAsync(string dataType)
    {
        using var queued = await Http.PostAsync(new Uri($"/companies/{CompanyId}/data/queue/{dataType}", UriKind.Relative), null);
        var body = await queued.JsonAsync();
        Assert.True(queued.StatusCode == HttpStatusCode.OK, $"queue {dataType}: {(int)queued.StatusCode} {body}");
        return body["id"]!.GetValue<string>();
    }

    /// <summary>The StartPull for <paramref name="datasetId"/>, as the doorbell brings it to the agent.</summary>
    public async Task<AgentCommand> StartCommandAsync(string datasetId)
    {
        while (true)
        {
            var command = await Agent.NextCommandAsync(Patience);
            if (command.Kind == AgentCommandKind.StartPull && command.DatasetId == datasetId)
            {
                return command;
            }

            _otherCommands.Add(command);
        }
    }

    /// <summary>Syncs each data type through the API and the agent, with the records <paramref name="records"/> gives.</summary>
    public async Task<Dictionary<string, string>> SyncAsync(IEnumerable<string> dataTypes, Func<string, List<string>> records, int batchSize = 40)
    {
        var datasets = new Dictionary<string, string>();
        foreach (var dataType in dataTypes)
        {
            var datasetId = await QueueAsync(dataType);
            await StartCommandAsync(datasetId);
            var done = await Agent.RunPullAsync(datasetId, records(dataType), batchSize);
            Assert.True(done.IsCompleted, $"{dataType}: {done.Status} {done.StatusDescription}");
            datasets[dataType] = datasetId;
        }

        return datasets;
    }

    public Task SyncAllAsync(string tag, int count = 30) =>
        SyncAsync(DataTypeNames.All, dataType => Records(dataType, count, tag));

    /// <summary>Every record of a data type, all pages, in order; null when the API answers 409 (never synced).</summary>
    public Task<List<JsonNode>?> ReadAllAsync(string dataType) => ReadAllAsync(Http, CompanyId, dataType);

    public static async Task<List<JsonNode>?> ReadAllAsync(HttpClient http, string companyId, string dataType)
    {
        var records = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            using var response = await http.GetAsync(new Uri($"/companies/{companyId}/data/{dataType}?page={page}&pageSize=5000", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                return null;
            }

            var body = await response.JsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"read {dataType}: {(int)response.StatusCode} {body}");
            var results = body["results"]!.AsArray();
            records.AddRange(results.Select(r => r!.DeepClone()));
            if (records.Count >= body["totalResults"]!.GetValue<int>() || results.Count == 0)
            {
                return records;
            }
        }
    }

    /// <summary>A SHA-256 over every data type's records as the API returns them.</summary>
    public Task<string> DataChecksumAsync() => DataChecksumAsync(Http, CompanyId);

    public static async Task<string> DataChecksumAsync(HttpClient http, string companyId)
    {
        var text = new StringBuilder();
        foreach (var dataType in DataTypeNames.All)
        {
            var records = await ReadAllAsync(http, companyId, dataType);
            text.Append(dataType).Append('=').Append(records is null ? "(never synced)" : string.Join('\n', records.Select(r => r.ToJsonString())));
            text.Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// A SHA-256 over everything the API says about the company: profile, connections, data status, history, data
    /// generations, audit log and every data type's records.
    /// </summary>
    public async Task<string> StateChecksumAsync()
    {
        var text = new StringBuilder();
        foreach (var path in new[] { "", "/dataStatus", "/data/history?pageSize=5000", "/data/generations", "/data/audit?pageSize=5000" })
        {
            text.Append(path).Append('=').Append((await Http.GetJsonAsync($"/companies/{CompanyId}{path}")).ToJsonString()).Append('\n');
        }

        text.Append(await DataChecksumAsync());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public Task<HttpResponseMessage> ResetAsync(string email, HttpClient? http = null) =>
        (http ?? Http).PostJsonAsync($"/companies/{CompanyId}/data/reset", new { ownerEmail = email });

    public Task<HttpResponseMessage> RestoreAsync(string email, HttpClient? http = null) =>
        (http ?? Http).PostJsonAsync($"/companies/{CompanyId}/data/restore", new { ownerEmail = email });

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        Http.Dispose();
        await Silo.DisposeAsync();
    }
}
