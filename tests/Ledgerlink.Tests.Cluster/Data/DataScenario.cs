using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.MailDev;
using Ledgerlink.Testing.Polling;
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

    private DataScenario(RunningSilo silo, HttpClient http, ScriptedAgent agent, string companyId, MailDevServer mail, ManualTimeProvider time)
    {
        Silo = silo;
        Http = http;
        Agent = agent;
        CompanyId = companyId;
        Mail = mail;
        Time = time;
    }

    public RunningSilo Silo { get; }

    /// <summary>The maildev the silo sends owner emails to.</summary>
    public MailDevServer Mail { get; }

    /// <summary>The silo's clock, for the 30-minute and 24-hour rules.</summary>
    public ManualTimeProvider Time { get; }

    public HttpClient Http { get; }

    public ScriptedAgent Agent { get; }

    public string CompanyId { get; }

    /// <summary>Commands the agent received that were not the StartPulls a sync waited for (CancelPulls, for instance).</summary>
    public IReadOnlyList<AgentCommand> OtherCommands => _otherCommands;

    public static async Task<DataScenario> StartAsync(
        AzuriteFixture azurite, IDictionary<string, string?>? overrides = null, bool bankFeedsConnected = false)
    {
        var mail = await MailDevServer.StartAsync();
        var settings = new Dictionary<string, string?>(mail.SiloSettings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var time = new ManualTimeProvider();
        var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString, settings), time: time);
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

        // The owner confirms their address from the email it got when the company was created.
        await OwnerMail.VerifyOwnerAsync(mail, OwnerEmail);
        return new DataScenario(silo, http, agent, companyId, mail, time);
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

    /// <summary>
    /// Queues one data type (<c>fullSync=true</c> when <paramref name="fullSync"/>) and lets the agent run it with these
    /// records, completed with <paramref name="completion"/> (null: a plain completion); returns the pull operation id.
    /// </summary>
    public async Task<string> SyncOnceAsync(
        string dataType, IReadOnlyList<string> records, Func<PullResumePoint, PullCompletion>? completion, bool fullSync = false)
    {
        using var queued = await Http.PostAsync(
            new Uri($"/companies/{CompanyId}/data/queue/{dataType}{(fullSync ? "?fullSync=true" : "")}", UriKind.Relative), null);
        var body = await queued.JsonAsync();
        Assert.True(queued.StatusCode == HttpStatusCode.OK, $"queue {dataType}: {(int)queued.StatusCode} {body}");
        var datasetId = body["id"]!.GetValue<string>();
        await StartCommandAsync(datasetId);
        var done = await Agent.RunPullAsync(datasetId, records, completion: completion);
        Assert.True(done.IsCompleted, $"{dataType}: {done.Status} {done.StatusDescription}");
        return datasetId;
    }

    /// <summary>The StartPull for <paramref name="datasetId"/>, as the doorbell brings it to the agent.</summary>
    public async Task<AgentCommand> StartCommandAsync(string datasetId)
    {
        while (true)
        {
            var command = await Agent.NextCommandAsync(Patience);
            if (command.Kind == AgentCommandKind.StartPull && command.PullOperationId == datasetId)
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

    /// <summary><c>POST …/data/reset</c>: asks; 202 and an email to the owner, or a refusal. Nothing changes yet.</summary>
    public Task<HttpResponseMessage> RequestResetAsync(HttpClient? http = null) =>
        (http ?? Http).PostAsync(new Uri($"/companies/{CompanyId}/data/reset", UriKind.Relative), null);

    /// <summary><c>POST …/data/restore</c>: asks, like <see cref="RequestResetAsync"/>.</summary>
    public Task<HttpResponseMessage> RequestRestoreAsync(HttpClient? http = null) =>
        (http ?? Http).PostAsync(new Uri($"/companies/{CompanyId}/data/restore", UriKind.Relative), null);

    /// <summary>Asks for a reset, and the owner confirms from the email: returns what was done (see <see cref="ConfirmedAsync"/>).</summary>
    public Task<JsonNode> ResetConfirmedAsync() => ConfirmedAsync(RequestResetAsync());

    public Task<JsonNode> RestoreConfirmedAsync() => ConfirmedAsync(RequestRestoreAsync());

    /// <summary>Asks (202 with a confirmation id) and returns the email the owner got for it.</summary>
    public async Task<(string ConfirmationId, ReceivedEmail Email)> RequestedAsync(Task<HttpResponseMessage> request)
    {
        using var requested = await request;
        var body = await requested.JsonAsync();
        Assert.True(requested.StatusCode == HttpStatusCode.Accepted, $"{(int)requested.StatusCode}: {body}");
        Assert.Equal("Pending", body["status"]!.GetValue<string>());
        var confirmationId = body["id"]!.GetValue<string>();
        return (confirmationId, await OwnerMail.WaitForConfirmationAsync(Mail, OwnerEmail, confirmationId));
    }

    /// <summary>
    /// Asks, confirms from the owner's email, polls the confirmation until Done, and returns the change as the audit log
    /// recorded it, with the restorable generation after it (what reset and restore answered before confirmations).
    /// </summary>
    public async Task<JsonNode> ConfirmedAsync(Task<HttpResponseMessage> request)
    {
        var (confirmationId, email) = await RequestedAsync(request);
        var (status, page) = await OwnerMail.ConfirmAsync(OwnerMail.Link(email));
        Assert.True(status == HttpStatusCode.OK, $"confirm: {(int)status} {page}");
        var confirmation = await Eventually.ValueAsync(
            () => Http.GetJsonAsync($"/companies/{CompanyId}/data/confirmations/{confirmationId}"),
            c => c["status"]!.GetValue<string>() is "Done" or "Refused", Patience, "the confirmation to be carried out");
        Assert.True(confirmation["status"]!.GetValue<string>() == "Done", confirmation.ToJsonString());
        var entryId = confirmation["auditEntryId"]!.GetValue<string>();
        var audit = await Http.GetJsonAsync($"/companies/{CompanyId}/data/audit?pageSize=5000");
        var entry = audit["results"]!.AsArray().Single(e => e!["id"]!.GetValue<string>() == entryId)!.DeepClone();
        var generations = await Http.GetJsonAsync($"/companies/{CompanyId}/data/generations");
        entry["restorableGeneration"] = generations["restorableGeneration"]?.DeepClone();
        return entry;
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        Http.Dispose();
        await Silo.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
