using Ledgerlink.Grains.Webhooks;
using Ledgerlink.Webhooks;

namespace Ledgerlink.Tests.Webhooks;

public sealed class WebhookConsumerPolicyTests
{
    private static readonly WebhookConsumerInfo Everything =
        new("w-1", "https://integrator.example/hooks", Disabled: false, [], [], WebhookSignature.NewSecret());

    [Fact]
    public void A_consumer_without_filters_gets_every_event()
    {
        Assert.True(WebhookConsumerPolicy.Matches(Everything, Event("read.completed")));
        Assert.True(WebhookConsumerPolicy.Matches(Everything, Event("company.created", ("region", "ie"))));
    }

    [Fact]
    public void Event_types_filter_exactly_and_case_sensitively()
    {
        var consumer = Everything with { EventTypes = ["read.completed", "company.created"] };

        Assert.True(WebhookConsumerPolicy.Matches(consumer, Event("company.created")));
        Assert.False(WebhookConsumerPolicy.Matches(consumer, Event("company.deleted")));
        Assert.False(WebhookConsumerPolicy.Matches(consumer, Event("Read.Completed")));
    }

    [Fact]
    public void Company_tags_need_one_key_value_pair_of_the_events_company()
    {
        var consumer = Everything with { CompanyTags = ["region:ie", "tier:gold"] };

        Assert.True(WebhookConsumerPolicy.Matches(consumer, Event("read.completed", ("tier", "gold"), ("region", "uk"))));
        Assert.False(WebhookConsumerPolicy.Matches(consumer, Event("read.completed", ("region", "uk"))));
        Assert.False(WebhookConsumerPolicy.Matches(consumer, Event("read.completed", ("region", "IE"))));
        Assert.False(WebhookConsumerPolicy.Matches(consumer, Event("read.completed")));
    }

    [Fact]
    public void A_disabled_consumer_gets_nothing() =>
        Assert.False(WebhookConsumerPolicy.Matches(Everything with { Disabled = true }, Event("read.completed")));

    [Fact]
    public void Preparing_fills_in_id_and_secret_and_keeps_given_ones()
    {
        var blank = Everything with { Id = "", SigningSecret = "" };

        var prepared = WebhookConsumerPolicy.Prepare(blank);

        Assert.True(Guid.TryParse(prepared.Id, out _));
        Assert.True(WebhookSignature.IsValidSecret(prepared.SigningSecret));
        Assert.Equal(Everything.Id, WebhookConsumerPolicy.Prepare(Everything).Id);
        Assert.Equal(Everything.SigningSecret, WebhookConsumerPolicy.Prepare(Everything).SigningSecret);
    }

    [Fact]
    public void Preparing_refuses_more_than_ten_company_tags_or_overlong_ones()
    {
        var tags = Enumerable.Range(0, 11).Select(i => $"k{i}:v").ToArray();

        Assert.Throws<ArgumentException>(() => WebhookConsumerPolicy.Prepare(Everything with { CompanyTags = tags }));
        Assert.Throws<ArgumentException>(() =>
            WebhookConsumerPolicy.Prepare(Everything with { CompanyTags = ["k:" + new string('v', 127)] }));
        Assert.Equal(10, WebhookConsumerPolicy.Prepare(Everything with { CompanyTags = tags[..10] }).CompanyTags.Count);
    }

    private static WebhookEvent Event(string eventType, params (string Key, string Value)[] companyTags) =>
        new("e-1", eventType, "c-1", DateTimeOffset.UtcNow, "{}",
            companyTags.Length == 0 ? null : companyTags.ToDictionary(tag => tag.Key, tag => tag.Value));
}
