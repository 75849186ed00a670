using System.Net;
using Ledgerlink.Connectors;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Testing.Webhooks;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.Tests.Webhooks;

/// <summary>
/// A webhook whose consumer is down when the silo delivering it is killed: the retry lives in the reminder table, so a
/// restarted silo delivers it once the consumer is back, with nobody reading the delivery log or touching any grain.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookSiloLossTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_retry_pending_when_its_silo_is_killed_is_delivered_by_the_restarted_silo_once_the_consumer_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var consumerUp = 0;
        var endpoint = receiver.Open(
            "after-silo-loss", (_, _) => Task.FromResult(Volatile.Read(ref consumerUp) == 1 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable));
        var settings = SiloProcess.Configure(azurite.ConnectionString, [
            .. TestApiKeys.Settings(),
            new("Ledgerlink:Webhooks:InitialRetryDelay", "00:00:02"),
            new("Ledgerlink:Webhooks:BackoffFactor", "1"),
            new("Ledgerlink:Webhooks:MaxAttempts", "1000"),
            new("Ledgerlink:Webhooks:RequestTimeout", "00:00:05"),
            new("Ledgerlink:Reminders:MinimumPeriod", "00:00:01"),
        ]);

        var silo = await SiloProcess.StartAsync(settings);
        try
        {
            string webhookId;
            using (var http = silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.IntegratorA)))
            {
                webhookId = await SyncOnceWithWebhookAsync(http, silo, endpoint.Url);
            }

            // The consumer answered 503 twice: the first attempt's result was saved before the retry was made (a silo
            // killed between an answer and its save loses that attempt, rightly), and a retry is pending in the silo
            // that is about to die.
            await endpoint.WaitForRequestsAsync(2, Patience);
            await silo.Process.KillAsync();
            var beforeRestart = endpoint.Received.Count;
            Volatile.Write(ref consumerUp, 1);

            silo = await SiloProcess.StartAsync(settings);
            var received = await endpoint.WaitForRequestsAsync(beforeRestart + 1, Patience);
            Assert.All(received, r => Assert.Equal(received[0].Id, r.Id));

            using var afterHttp = silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.IntegratorA));
            var deliveries = await Eventually.ValueAsync(
                () => afterHttp.GetJsonAsync($"/webhooks/deliveries?query=webhookId%3D{webhookId}"),
                page => page["results"]!.AsArray().Count == 1 && page["results"]![0]!["status"]!.GetValue<string>() == "Delivered",
                Patience,
                "the delivery to be recorded as delivered");
            var attempts = deliveries["results"]![0]!["attempts"]!.AsArray();
            Assert.Equal(503, attempts[0]!["statusCode"]!.GetValue<int>());
            Assert.Equal(200, attempts[^1]!["statusCode"]!.GetValue<int>());
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    /// <summary>Registers the webhook, links a scripted agent and completes one invoices sync, which publishes read.completed.</summary>
    private static async Task<string> SyncOnceWithWebhookAsync(HttpClient http, SiloProcess silo, Uri consumerUrl)
    {
        using var created = await http.PostJsonAsync("/webhooks", new { url = consumerUrl, eventTypes = new[] { "read.completed" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhookId = (await created.JsonAsync())["id"]!.GetValue<string>();

        using var company = await http.PostJsonAsync("/companies", new { name = "Acme Widgets Ltd" });
        var companyId = (await company.JsonAsync())["id"]!.GetValue<string>();
        var linkCode = await IntegratorLinkCode.NewAsync(http, companyId);
        await using var agent = await ScriptedAgent.ConnectAsync(silo.GatewayPort, silo.ServiceId, silo.ClusterId);
        await agent.RegisterAndHelloAsync();
        var link = await agent.LinkAsync(companyId, linkCode);
        Assert.True(link.Linked, link.Reason);

        using var queued = await http.PostAsync(new Uri($"/companies/{companyId}/data/queue/invoices", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        var datasetId = (await queued.JsonAsync())["id"]!.GetValue<string>();
        AgentCommand command;
        do
        {
            command = await agent.NextCommandAsync(Patience);
        }
        while (command.Kind != AgentCommandKind.StartPull || command.PullOperationId != datasetId);

        var done = await agent.RunPullAsync(datasetId, ["""{"id":"inv-1","amount":1.25}""", """{"id":"inv-2","amount":2.5}"""]);
        Assert.True(done.IsCompleted, $"{done.Status} {done.StatusDescription}");
        return webhookId;
    }
}
