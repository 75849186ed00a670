using Ledgerlink.Grains.Webhooks;
using Ledgerlink.Tenants;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;
using Ledgerlink.Webhooks;
using Orleans.TestingHost;

namespace Ledgerlink.Tests.Tenants;

/// <summary>A tenant's company index and webhook consumers, in a real silo with state in Azurite.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class TenantGrainTests(AzuriteFixture azurite, TenantClusterFixture clusters)
    : IClassFixture<TenantClusterFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await clusters.GetClusterAsync(azurite);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Companies_are_listed_by_creation_then_id_and_survive_reactivation()
    {
        var tenant = NewTenant();
        await tenant.AddCompany(new CompanySummary("c-3", "Third", Monday.AddDays(1)));
        await tenant.AddCompany(new CompanySummary("c-2", "Second", Monday));
        await tenant.AddCompany(new CompanySummary("c-1", "First", Monday));
        await tenant.AddCompany(new CompanySummary("c-0", "Zeroth", Monday.AddDays(2)));

        // Adding again is idempotent; adding with a new name updates the entry in place.
        await tenant.AddCompany(new CompanySummary("c-1", "First", Monday));
        await tenant.AddCompany(new CompanySummary("c-2", "Second, renamed", Monday));
        await tenant.RemoveCompany("c-0");
        await tenant.RemoveCompany("never-added");

        await _cluster.DeactivateAsync(tenant);
        var companies = await tenant.ListCompanies();

        Assert.Equal(["c-1", "c-2", "c-3"], companies.Select(company => company.Id));
        Assert.Equal("Second, renamed", companies[1].Name);
    }

    [Fact]
    public async Task Tenants_see_only_their_own_companies_and_webhooks()
    {
        var first = NewTenant();
        var second = NewTenant();
        await first.AddCompany(new CompanySummary("c-first", "First's", Monday));
        await first.CreateWebhook(Consumer("https://first.example/hooks"));

        Assert.Empty(await second.ListCompanies());
        Assert.Empty(await second.ListWebhooks());
    }

    [Fact]
    public async Task Creating_a_webhook_assigns_an_id_and_a_signing_secret_when_none_is_given()
    {
        var tenant = NewTenant();

        var created = await tenant.CreateWebhook(Consumer("https://integrator.example/hooks", eventTypes: ["read.completed"]));

        Assert.True(Guid.TryParse(created.Id, out _), created.Id);
        Assert.StartsWith(WebhookSignature.SecretPrefix, created.SigningSecret, StringComparison.Ordinal);
        Assert.Equal(
            WebhookSignature.GeneratedSecretBytes,
            Convert.FromBase64String(created.SigningSecret[WebhookSignature.SecretPrefix.Length..]).Length);
        Assert.Equal(["read.completed"], created.EventTypes);

        var other = await tenant.CreateWebhook(Consumer("https://integrator.example/other"));
        Assert.NotEqual(created.Id, other.Id);
        Assert.NotEqual(created.SigningSecret, other.SigningSecret);

        await _cluster.DeactivateAsync(tenant);
        Assert.Equal([created, other], await tenant.ListWebhooks(), new ConsumerComparer());
    }

    [Fact]
    public async Task A_given_secret_is_kept_and_a_malformed_one_or_url_is_refused()
    {
        var tenant = NewTenant();
        var secret = WebhookSignature.NewSecret();

        var created = await tenant.CreateWebhook(Consumer("https://integrator.example/hooks") with { SigningSecret = secret });

        Assert.Equal(secret, created.SigningSecret);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            tenant.CreateWebhook(Consumer("https://integrator.example/hooks") with { SigningSecret = "not-a-secret" }));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.CreateWebhook(Consumer("/relative/path")));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.CreateWebhook(Consumer("ftp://integrator.example/hooks")));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            tenant.CreateWebhook(Consumer("https://integrator.example/hooks", companyTags: ["no-colon"])));
        Assert.Single(await tenant.ListWebhooks());
    }

    [Fact]
    public async Task The_51st_webhook_consumer_is_refused_until_one_is_deleted()
    {
        var tenant = NewTenant();
        var created = new List<WebhookConsumerInfo>();
        for (var i = 0; i < WebhookConsumerPolicy.MaxConsumers; i++)
        {
            created.Add(await tenant.CreateWebhook(Consumer($"https://integrator.example/hooks/{i}")));
        }

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            tenant.CreateWebhook(Consumer("https://integrator.example/hooks/50")));

        Assert.Contains("at most 50 webhook consumers", refused.Message, StringComparison.Ordinal);
        Assert.Equal(50, (await tenant.ListWebhooks()).Count);

        Assert.True(await tenant.DeleteWebhook(created[7].Id));
        Assert.False(await tenant.DeleteWebhook(created[7].Id));
        var replacement = await tenant.CreateWebhook(Consumer("https://integrator.example/hooks/50"));
        var listed = await tenant.ListWebhooks();
        Assert.Equal(50, listed.Count);
        Assert.Contains(listed, webhook => webhook.Id == replacement.Id);
        Assert.DoesNotContain(listed, webhook => webhook.Id == created[7].Id);
    }

    [Fact]
    public async Task Publishing_with_no_consumers_delivers_nothing()
    {
        var tenant = NewTenant();

        await tenant.Publish(new WebhookEvent("e-1", "read.completed", "c-1", Monday, "{}"));

        Assert.Empty(await tenant.ListDeliveries());
    }

    private ITenantGrain NewTenant() => _cluster.Client.GetGrain<ITenantGrain>($"tenant-{Guid.NewGuid():N}");

    private static WebhookConsumerInfo Consumer(string url, string[]? eventTypes = null, string[]? companyTags = null) =>
        new("", url, Disabled: false, eventTypes ?? [], companyTags ?? [], SigningSecret: "");

    /// <summary>Records compare their lists by reference; consumers read back from storage are equal by content.</summary>
    private sealed class ConsumerComparer : IEqualityComparer<WebhookConsumerInfo>
    {
        public bool Equals(WebhookConsumerInfo? x, WebhookConsumerInfo? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Url == y.Url && x.Disabled == y.Disabled
            && x.SigningSecret == y.SigningSecret && x.EventTypes.SequenceEqual(y.EventTypes)
            && x.CompanyTags.SequenceEqual(y.CompanyTags);

        public int GetHashCode(WebhookConsumerInfo obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
