using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Webhooks;

/// <summary>Checks the delivery settings at silo start, so a bad value is reported by name instead of as odd retries.</summary>
public sealed class WebhookDeliveryOptionsValidator(IOptions<WebhookDeliveryOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var value = options.Value;
        if (value.InitialRetryDelay < TimeSpan.Zero)
        {
            throw Invalid($"{nameof(WebhookDeliveryOptions.InitialRetryDelay)} must not be negative.");
        }

        if (!(value.BackoffFactor >= 1) || double.IsInfinity(value.BackoffFactor))
        {
            throw Invalid($"{nameof(WebhookDeliveryOptions.BackoffFactor)} must be a finite number of at least 1.");
        }

        if (value.MaxRetryDelay < value.InitialRetryDelay)
        {
            throw Invalid(
                $"{nameof(WebhookDeliveryOptions.MaxRetryDelay)} must be at least " +
                $"{nameof(WebhookDeliveryOptions.InitialRetryDelay)}.");
        }

        if (value.MaxAttempts < 1)
        {
            throw Invalid($"{nameof(WebhookDeliveryOptions.MaxAttempts)} must be at least 1.");
        }

        if (value.RequestTimeout <= TimeSpan.Zero)
        {
            throw Invalid($"{nameof(WebhookDeliveryOptions.RequestTimeout)} must be positive.");
        }
    }

    private static OrleansConfigurationException Invalid(string problem) => new($"{nameof(WebhookDeliveryOptions)}.{problem}");
}
