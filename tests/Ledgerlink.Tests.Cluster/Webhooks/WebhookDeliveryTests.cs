using System.Net.Sockets;
using Ledgerlink.Grains.Webhooks;
using Ledgerlink.Tenants;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Webhooks;
using Ledgerlink.Tests.Infrastructure;
using Ledgerlink.Tests.Tenants;
using Ledgerlink.Webhooks;
using Orleans.TestingHost;

namespace Ledgerlink.Tests.Webhooks;

/// <summary>
/// Webhooks published through a tenant, delivered by delivery grains in a real silo (state in Azurite) to a real HTTP
/// server, signed, filtered and retried as Codat does.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class WebhookDeliveryTests(AzuriteFixture azurite, TenantClusterFixture clusters)
    : IClassFixture<TenantClusterFixture>, IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;
    private WebhookReceiver _receiver = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = await clusters.GetClusterAsync(azurite);
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_delivered_event_carries_a_signature_the_consumer_can_verify()
    {
        var tenant = NewTenant();
        var endpoint = _receiver.Open("signed");
        var consumer = await tenant.CreateWebhook(Consumer(endpoint.Url));
        var webhookEvent = Event("read.completed", """{"id":"e1","eventType":"read.completed","payload":{"n":1}}""");

        await tenant.Publish(webhookEvent);

        var received = Assert.Single(await endpoint.WaitForRequestsAsync(1));
        Assert.Equal(webhookEvent.Id, received.Id);
        Assert.Equal(webhookEvent.PayloadJson, received.Body);
        Assert.Equal("application/json", received.ContentType);
        Assert.True(WebhookSignature.Verify(
            consumer.SigningSecret, received.Id, received.Timestamp, received.Body, received.Signature));
        Assert.InRange(
            long.Parse(received.Timestamp!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        // The signature binds the body and the secret: a consumer rejects anything else.
        Assert.False(WebhookSignature.Verify(
            consumer.SigningSecret, received.Id, received.Timestamp, received.Body + " ", received.Signature));
        Assert.False(WebhookSignature.Verify(
            WebhookSignature.NewSecret(), received.Id, received.Timestamp, received.Body, received.Signature));

        var delivery = await UntilFinished(tenant);
        var done = Assert.Single(delivery);
        Assert.Equal(WebhookDeliveryStatus.Delivered, done.Status);
        Assert.Equal(consumer.Id, done.WebhookId);
        Assert.Equal(200, Assert.Single(done.Attempts).StatusCode);
    }

    [Fact]
    public async Task Consumers_filtered_out_by_event_type_company_tag_or_disabling_receive_nothing()
    {
        var tenant = NewTenant();
        var byType = _receiver.Open("by-type");
        var otherType = _receiver.Open("other-type");
        var byTag = _receiver.Open("by-tag");
        var otherTag = _receiver.Open("other-tag");
        var disabled = _receiver.Open("disabled");
        var wantsRead = await tenant.CreateWebhook(Consumer(byType.Url, eventTypes: ["read.completed"]));
        var wantsCompanyCreated = await tenant.CreateWebhook(Consumer(otherType.Url, eventTypes: ["company.created"]));
        var wantsIreland = await tenant.CreateWebhook(Consumer(byTag.Url, companyTags: ["region:ie"]));
        var wantsUk = await tenant.CreateWebhook(Consumer(otherTag.Url, companyTags: ["region:uk"]));
        await tenant.CreateWebhook(Consumer(disabled.Url) with { Disabled = true });

        await tenant.Publish(Event("read.completed", companyTags: new Dictionary<string, string> { ["region"] = "ie" }));

        var first = await UntilFinished(tenant);
        Assert.Equal(
            new[] { wantsRead.Id, wantsIreland.Id }.Order(),
            first.Select(delivery => delivery.WebhookId).Order());
        Assert.All(first, delivery => Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status));
        Assert.Single(byType.Received);
        Assert.Single(byTag.Received);
        Assert.Empty(otherType.Received);
        Assert.Empty(otherTag.Received);

        // The consumers left out are live: an event that passes their filters reaches them, and not the first two.
        await tenant.Publish(Event("company.created", companyTags: new Dictionary<string, string> { ["region"] = "uk" }));
        var second = await UntilFinished(tenant);
        Assert.Equal(4, second.Count);
        Assert.Equal(
            new[] { wantsCompanyCreated.Id, wantsUk.Id }.Order(),
            second.Take(2).Select(delivery => delivery.WebhookId).Order());
        Assert.Single(await otherType.WaitForRequestsAsync(1));
        Assert.Single(await otherTag.WaitForRequestsAsync(1));

        Assert.Single(byType.Received);
        Assert.Single(byTag.Received);
        Assert.Empty(disabled.Received);
    }

    [Fact]
    public async Task A_consumer_answering_500_twice_is_retried_with_backoff_until_delivered()
    {
        var tenant = NewTenant();
        var endpoint = _receiver.Open("flaky", 500, 500, 200);
        var consumer = await tenant.CreateWebhook(Consumer(endpoint.Url));
        var webhookEvent = Event("read.completed");

        await tenant.Publish(webhookEvent);

        var requests = await endpoint.WaitForRequestsAsync(3);
        var delivery = Assert.Single(await UntilFinished(tenant));
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal([500, 500, 200], delivery.Attempts.Select(attempt => attempt.StatusCode));
        Assert.Equal(3, endpoint.Received.Count);

        // Every attempt is the same message (consumers deduplicate on webhook-id), freshly signed.
        Assert.All(requests, request =>
        {
            Assert.Equal(webhookEvent.Id, request.Id);
            Assert.True(WebhookSignature.Verify(consumer.SigningSecret, request.Id, request.Timestamp, request.Body, request.Signature));
        });

        // Waits grow: about 200 ms, then 400 ms (lower bounds only; a busy machine may add to them).
        var first = delivery.Attempts[1].At - delivery.Attempts[0].At;
        var second = delivery.Attempts[2].At - delivery.Attempts[1].At;
        Assert.True(first >= TenantClusterFixture.InitialRetryDelay * 0.9, $"first wait {first}");
        Assert.True(
            second >= TenantClusterFixture.InitialRetryDelay * TenantClusterFixture.BackoffFactor * 0.9, $"second wait {second}");
    }

    [Fact]
    public async Task A_dead_url_fails_after_the_maximum_attempts_with_each_attempt_recorded()
    {
        var tenant = NewTenant();
        var deadUrl = new Uri($"http://127.0.0.1:{UnusedPort()}/hook?token=consumer-secret-token");
        await tenant.CreateWebhook(Consumer(deadUrl));

        await tenant.Publish(Event("read.completed"));

        var delivery = Assert.Single(await UntilFinished(tenant));
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(TenantClusterFixture.MaxAttempts, delivery.Attempts.Count);
        Assert.All(delivery.Attempts, attempt =>
        {
            Assert.Null(attempt.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(attempt.Error));
            Assert.DoesNotContain("consumer-secret-token", attempt.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_500_from_the_last_allowed_attempt_fails_the_delivery_with_status_codes_recorded()
    {
        var tenant = NewTenant();
        var endpoint = _receiver.Open("always-500", 500);
        await tenant.CreateWebhook(Consumer(endpoint.Url));

        await tenant.Publish(Event("read.completed"));

        var delivery = Assert.Single(await UntilFinished(tenant));
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(Enumerable.Repeat<int?>(500, TenantClusterFixture.MaxAttempts), delivery.Attempts.Select(a => a.StatusCode));
        Assert.Equal(TenantClusterFixture.MaxAttempts, endpoint.Received.Count);
    }

    [Fact]
    public async Task The_delivery_log_lists_newest_first()
    {
        var tenant = NewTenant();
        var endpoint = _receiver.Open("log");
        await tenant.CreateWebhook(Consumer(endpoint.Url));
        var events = new[] { Event("read.completed"), Event("company.created"), Event("read.completed") };

        foreach (var webhookEvent in events)
        {
            await tenant.Publish(webhookEvent);
        }

        var deliveries = await UntilFinished(tenant);
        Assert.Equal(events.Reverse().Select(e => e.Id), deliveries.Select(delivery => delivery.EventId));
        Assert.Equal(events.Reverse().Select(e => e.EventType), deliveries.Select(delivery => delivery.EventType));
        Assert.Equal(3, (await endpoint.WaitForRequestsAsync(3)).Count);
    }

    [Fact]
    public async Task Publish_returns_while_the_consumer_is_still_answering()
    {
        var tenant = NewTenant();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var endpoint = _receiver.Open("slow", (_, _) => release.Task);
        await tenant.CreateWebhook(Consumer(endpoint.Url));

        await tenant.Publish(Event("read.completed")).WaitAsync(Eventually.DefaultTimeout);
        await endpoint.WaitForRequestsAsync(1);

        // The request is held open, yet the log answers: reading a delivery does not wait for its attempt.
        var pending = Assert.Single(await tenant.ListDeliveries());
        Assert.Equal(WebhookDeliveryStatus.Pending, pending.Status);
        Assert.Empty(pending.Attempts);

        release.SetResult(204);
        var delivered = Assert.Single(await UntilFinished(tenant));
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivered.Status);
        Assert.Equal(204, Assert.Single(delivered.Attempts).StatusCode);
    }

    [Fact]
    public async Task A_pending_delivery_whose_activation_is_lost_resumes_when_it_is_activated_again()
    {
        var tenant = NewTenant();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var endpoint = _receiver.Open("resume", (number, _) => number == 1 ? release.Task : Task.FromResult(200));
        await tenant.CreateWebhook(Consumer(endpoint.Url));
        await tenant.Publish(Event("read.completed"));
        await endpoint.WaitForRequestsAsync(1);
        var deliveryId = Assert.Single(await tenant.ListDeliveries()).Id;
        var delivery = Grains.GetGrain<IWebhookDeliveryGrain>(deliveryId);

        // The activation goes away in the middle of its first attempt (as on a silo shutdown); its timer goes with it.
        var deactivation = _cluster.DeactivateAsync(delivery);
        release.SetResult(500);
        await deactivation;
        Assert.Single(endpoint.Received);

        // Any call activates it again; it finds the delivery pending in storage and carries on.
        Assert.NotNull(await delivery.Get());
        await endpoint.WaitForRequestsAsync(2);
        var resumed = await Eventually.ValueAsync(delivery.Get, info => info!.Status != WebhookDeliveryStatus.Pending);
        Assert.Equal(WebhookDeliveryStatus.Delivered, resumed!.Status);
        Assert.Equal(200, resumed.Attempts[^1].StatusCode);
        Assert.Equal(2, endpoint.Received.Count);

        // Orleans lets the interrupted attempt finish before the activation goes, so its 500 is on record; an attempt
        // cut short instead would leave no record, as it is not the consumer's failure.
        Assert.All(resumed.Attempts.SkipLast(1), attempt => Assert.Equal(500, attempt.StatusCode));
    }

    private ITenantGrain NewTenant() => Grains.GetGrain<ITenantGrain>($"tenant-{Guid.NewGuid():N}");

    private static WebhookConsumerInfo Consumer(Uri url, string[]? eventTypes = null, string[]? companyTags = null) =>
        new("", url.ToString(), Disabled: false, eventTypes ?? [], companyTags ?? [], SigningSecret: "");

    private static WebhookEvent Event(
        string eventType, string? payloadJson = null, IReadOnlyDictionary<string, string>? companyTags = null)
    {
        var id = Guid.NewGuid().ToString();
        return new WebhookEvent(
            id, eventType, "company-1", DateTimeOffset.UtcNow,
            payloadJson ?? $$"""{"id":"{{id}}","eventType":"{{eventType}}"}""", companyTags);
    }

    /// <summary>
    /// The tenant's delivery log once none of its deliveries is pending. Publish starts every delivery before it returns,
    /// so which deliveries exist is settled already; only their outcomes are awaited.
    /// </summary>
    private static async Task<IReadOnlyList<WebhookDeliveryInfo>> UntilFinished(ITenantGrain tenant) =>
        await Eventually.ValueAsync(
            tenant.ListDeliveries, deliveries => deliveries.All(d => d.Status != WebhookDeliveryStatus.Pending));

    private static int UnusedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
