using Ledgerlink.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Tests.Webhooks;

public sealed class WebhookDeliveryOptionsTests
{
    [Fact]
    public void Default_backoff_starts_at_five_seconds_and_doubles_over_eight_attempts()
    {
        var options = new WebhookDeliveryOptions();

        Assert.Equal(8, options.MaxAttempts);
        Assert.Equal(
            [5, 10, 20, 40, 80, 160, 320],
            Enumerable.Range(1, options.MaxAttempts - 1).Select(failed => options.RetryDelayAfter(failed).TotalSeconds));
    }

    [Fact]
    public void A_single_wait_never_exceeds_the_maximum_delay()
    {
        var options = new WebhookDeliveryOptions { MaxRetryDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(20), options.RetryDelayAfter(3));
        Assert.Equal(TimeSpan.FromSeconds(30), options.RetryDelayAfter(4));
        Assert.Equal(TimeSpan.FromSeconds(30), options.RetryDelayAfter(1000));
    }

    [Fact]
    public void Nonsense_settings_stop_the_silo_with_the_setting_named()
    {
        var cases = new (string Setting, Action<WebhookDeliveryOptions> Spoil)[]
        {
            (nameof(WebhookDeliveryOptions.InitialRetryDelay), o => o.InitialRetryDelay = TimeSpan.FromSeconds(-1)),
            (nameof(WebhookDeliveryOptions.BackoffFactor), o => o.BackoffFactor = 0.5),
            (nameof(WebhookDeliveryOptions.BackoffFactor), o => o.BackoffFactor = double.NaN),
            (nameof(WebhookDeliveryOptions.MaxRetryDelay), o => o.MaxRetryDelay = TimeSpan.FromSeconds(1)),
            (nameof(WebhookDeliveryOptions.MaxAttempts), o => o.MaxAttempts = 0),
            (nameof(WebhookDeliveryOptions.RequestTimeout), o => o.RequestTimeout = TimeSpan.Zero),
        };

        new WebhookDeliveryOptionsValidator(Options.Create(new WebhookDeliveryOptions())).ValidateConfiguration();
        foreach (var (setting, spoil) in cases)
        {
            var options = new WebhookDeliveryOptions();
            spoil(options);
            var validator = new WebhookDeliveryOptionsValidator(Options.Create(options));

            var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);
            Assert.Contains($"{nameof(WebhookDeliveryOptions)}.{setting}", error.Message, StringComparison.Ordinal);
        }
    }
}
