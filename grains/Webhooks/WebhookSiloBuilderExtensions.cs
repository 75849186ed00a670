using Ledgerlink.Grains.Webhooks.Targets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Webhooks;

/// <summary>Registers what webhook delivery grains need on a silo: their options and the HTTP client that posts.</summary>
public static class WebhookSiloBuilderExtensions
{
    public static ISiloBuilder AddLedgerlinkWebhooks(
        this ISiloBuilder builder, Action<WebhookDeliveryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services => services.AddLedgerlinkWebhooks(configure));
    }

    public static IServiceCollection AddLedgerlinkWebhooks(
        this IServiceCollection services, Action<WebhookDeliveryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WebhookDeliveryOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddTransient<IConfigurationValidator, WebhookDeliveryOptionsValidator>();
        services.TryAddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.TryAddSingleton<WebhookTargets>();
        services.TryAddSingleton<WebhookPoster>();
        services.AddHttpClient(WebhookDeliveryOptions.HttpClientName, (provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<WebhookDeliveryOptions>>().Value.RequestTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Ledgerlink-Webhooks/1.0");
            })
            // A redirect would carry a signed event to an address the integrator never registered, and cookies one
            // consumer sets must not ride along to another: Svix treats 3xx as a failure too.
            // The connection is made by WebhookTargets, to an address it has just checked (no loopback, private or metadata
            // address, no DNS rebinding); no proxy, since a proxy would connect on our behalf to wherever it is asked.
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<WebhookTargets>().ConnectAsync,
            })
            // The factory's own logs print whole URLs, which may embed the consumer's tokens; the grain logs the host only.
            .RemoveAllLoggers();
        return services;
    }
}
