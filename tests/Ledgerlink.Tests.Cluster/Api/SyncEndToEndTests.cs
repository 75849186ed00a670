using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Webhooks;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api;

/// <summary>The integrator's whole journey over HTTP, with a scripted agent on a real Orleans client.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class SyncEndToEndTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Refresh_queued_while_offline_runs_when_the_agent_connects_and_fires_a_signed_webhook()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = receiver.Open("read-completed");
        using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);

        var webhook = await (await http.PostJsonAsync("/webhooks", new { url = endpoint.Url, eventTypes = new[] { "read.completed" } })).JsonAsync();
        var secret = webhook["signingSecret"]!.GetValue<string>();
        var companyId = await IntegratorCompanies.CreateAsync(http, "Acme Widgets Ltd");
        var connection = await (await http.PostJsonAsync($"/companies/{companyId}/connections", new { platformKey = "hbql" })).JsonAsync();
        Assert.Equal("PendingAuth", connection["status"]!.GetValue<string>());
        var linkCode = connection["linkCode"]!.GetValue<string>();
        Assert.EndsWith($"/link/{companyId}/connections/{connection["id"]}/start#code={linkCode}", connection["linkUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        using (var refresh = await http.PostAsync(new Uri($"/companies/{companyId}/data/all", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, refresh.StatusCode);
        }

        var queued = await http.GetJsonAsync($"/companies/{companyId}/dataStatus");
        Assert.All(DataTypeNames.All, type => Assert.Equal("Queued", queued[type]!["currentStatus"]!.GetValue<string>()));

        await using var agent = await ScriptedAgent.ConnectAsync(silo);
        await agent.RegisterAndHelloAsync();
        var link = await agent.LinkAsync(companyId, linkCode);
        Assert.True(link.Linked, link.Reason);
        Assert.Equal("Acme Widgets Ltd", link.CompanyName);
        var linked = await http.GetJsonAsync($"/companies/{companyId}/connections/{connection["id"]}");
        Assert.Equal("Linked", linked["status"]!.GetValue<string>());

        var commands = new List<AgentCommand>();
        while (commands.Count < DataTypeNames.All.Count)
        {
            commands.Add(await agent.NextCommandAsync(Patience));
        }

        Assert.All(commands, c => Assert.Equal(AgentCommandKind.StartPull, c.Kind));
        Assert.Equal(DataTypeNames.All.Order(), commands.Select(c => c.DataType!).Order());

        // One pull step by step, to see Fetching over HTTP between start and completion.
        var first = commands[0];
        var resume = await agent.Gateway.StartPull(agent.Credential!, first.PullOperationId!);
        var fetching = await http.GetJsonAsync($"/companies/{companyId}/data/history/{first.PullOperationId}");
        Assert.Equal("Fetching", fetching["status"]!.GetValue<string>());
        var records = ScriptedAgent.Records(first.DataType!, 250);
        var ack = await agent.Gateway.AppendBatch(resume.Lease, ScriptedAgent.Batch(resume.NextSequence, records));
        Assert.True(ack.Accepted, ack.Reason);
        await agent.Gateway.CompletePull(resume.Lease, records.Count);

        foreach (var command in commands.Skip(1))
        {
            await agent.RunPullAsync(command.PullOperationId!, ScriptedAgent.Records(command.DataType!, 30));
        }

        var status = await http.GetJsonAsync($"/companies/{companyId}/dataStatus");
        foreach (var command in commands)
        {
            var entry = status[command.DataType!]!;
            Assert.Equal("Complete", entry["currentStatus"]!.GetValue<string>());
            Assert.Equal(command.PullOperationId, entry["latestSuccessfulSyncId"]!.GetValue<string>());
        }

        var history = await http.GetJsonAsync($"/companies/{companyId}/data/history?pageSize=100");
        Assert.Equal(DataTypeNames.All.Count, history["totalResults"]!.GetValue<int>());
        Assert.All(history["results"]!.AsArray(), op => Assert.True(op!["isCompleted"]!.GetValue<bool>()));
        var one = await http.GetJsonAsync($"/companies/{companyId}/data/history/{first.PullOperationId}");
        Assert.Equal(250, one["recordCount"]!.GetValue<long>());

        var delivered = (await endpoint.WaitForRequestsAsync(1, Patience))[0];
        Assert.True(SignatureIsValid(secret, delivered), $"signature {delivered.Signature} does not verify");
        var payload = JsonNode.Parse(delivered.Body)!;
        Assert.Equal("read.completed", payload["eventType"]!.GetValue<string>());
        Assert.Equal(companyId, payload["payload"]!["referenceCompany"]!["id"]!.GetValue<string>());
        Assert.Equal(DataTypeNames.All.Count, payload["payload"]!["dataTypes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Refreshes_queued_before_a_silo_restart_all_run_once_after_it()
    {
        var settings = RunningSilo.Configure(azurite.ConnectionString);
        string companyId;
        string linkCode;
        var silo = await RunningSilo.StartAsync(settings);
        try
        {
            using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
            companyId = await IntegratorCompanies.CreateAsync(http, "Restart Safe Ltd");
            linkCode = await IntegratorLinkCode.NewAsync(http, companyId);
            foreach (var type in new[] { "invoices", "customers", "bills" })
            {
                using var queued = await http.PostAsync(new Uri($"/companies/{companyId}/data/queue/{type}", UriKind.Relative), null);
                Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
            }
        }
        finally
        {
            await silo.DisposeAsync();
        }

        // A new silo process over the same storage, on new ports.
        var restarted = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:ServiceId"] = settings["Ledgerlink:ServiceId"],
            ["Ledgerlink:ClusterId"] = settings["Ledgerlink:ClusterId"],
            ["Ledgerlink:Storage:GrainStateContainer"] = settings["Ledgerlink:Storage:GrainStateContainer"],
            ["Ledgerlink:Storage:DatasetContainer"] = settings["Ledgerlink:Storage:DatasetContainer"],
        });
        await using var silo2 = await RunningSilo.StartAsync(restarted);
        using var http2 = silo2.CreateHttpClient(TestApiKeys.IntegratorA);
        var before = await http2.GetJsonAsync($"/companies/{companyId}/dataStatus");
        Assert.Equal("Queued", before["invoices"]!["currentStatus"]!.GetValue<string>());

        await using var agent = await ScriptedAgent.ConnectAsync(silo2);
        await agent.RegisterAndHelloAsync();
        Assert.True((await agent.LinkAsync(companyId, linkCode)).Linked);
        var commands = new[] { await agent.NextCommandAsync(Patience), await agent.NextCommandAsync(Patience), await agent.NextCommandAsync(Patience) };
        Assert.Equal(new[] { "bills", "customers", "invoices" }, commands.Select(c => c.DataType).Order());
        foreach (var command in commands)
        {
            await agent.RunPullAsync(command.PullOperationId!, ScriptedAgent.Records(command.DataType!, 10));
        }

        var history = await http2.GetJsonAsync($"/companies/{companyId}/data/history");
        Assert.Equal(3, history["totalResults"]!.GetValue<int>());
        Assert.All(history["results"]!.AsArray(), op => Assert.Equal("Complete", op!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_refresh_requested_while_the_agent_is_online_reaches_it_within_a_second()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        var companyId = await IntegratorCompanies.CreateAsync(http, "Prompt Ltd");
        var linkCode = await IntegratorLinkCode.NewAsync(http, companyId);
        await using var agent = await ScriptedAgent.ConnectAsync(silo);
        await agent.RegisterAndHelloAsync();
        Assert.True((await agent.LinkAsync(companyId, linkCode)).Linked);

        using var queued = await http.PostAsync(new Uri($"/companies/{companyId}/data/queue/invoices", UriKind.Relative), null);
        var operation = await queued.JsonAsync();

        // The doorbell, not a heartbeat, must bring it: heartbeats are 5 s apart by default.
        var command = await agent.NextCommandAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(operation["id"]!.GetValue<string>(), command.PullOperationId);
    }

    /// <summary>Standard Webhooks verification, written independently of the silo's signer.</summary>
    private static bool SignatureIsValid(string secret, ReceivedWebhook webhook)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}")));
        return (webhook.Signature ?? "").Split(' ').Any(s => s == $"v1,{expected}");
    }
}
