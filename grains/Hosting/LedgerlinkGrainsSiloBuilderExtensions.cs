using Ledgerlink.Grains.Companies;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Diagnostics;
using Ledgerlink.Grains.Security;
using Ledgerlink.Grains.Webhooks.Targets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ledgerlink.Grains.Hosting;

/// <summary>Registers what the Ledgerlink grains need on a silo: their options, the dataset store and the event publisher.</summary>
public static class LedgerlinkGrainsSiloBuilderExtensions
{
    public static ISiloBuilder AddLedgerlinkGrains(this ISiloBuilder builder, Action<LedgerlinkGrainOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.ConfigureServices(services => services.AddLedgerlinkGrains(configure));
        return builder;
    }

    public static IServiceCollection AddLedgerlinkGrains(
        this IServiceCollection services, Action<LedgerlinkGrainOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LedgerlinkGrainOptions>().Configure(configure);
        services.AddTransient<IConfigurationValidator, LedgerlinkGrainOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICompanyEventPublisher, TenantEventPublisher>();

        // Tenants check webhook targets at registration; a silo without AddLedgerlinkWebhooks still activates them
        // (with default options: https to public addresses only).
        services.TryAddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.TryAddSingleton<WebhookTargets>();

        // Fail closed at the gateway: only the agent contract is callable from outside the cluster.
        services.AddSingleton<ClusterKeys>();
        services.AddSingleton<PullLeases>();
        services.AddSingleton<PullOperations.PullOperationMetrics>();
        services.AddSingleton<PullOperations.QueuedPulls>();
        services.AddSingleton<Connectors.ConnectedAgents>();
        services.AddSingleton<IIncomingGrainCallFilter, ExternalCallFilter>();
        services.AddSingleton<IOutgoingGrainCallFilter, InternalCallStamp>();
        services.AddSingleton<RegistrationLimiter>();
        services.AddSingleton<GrainCallTally>();
        services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallTally>());

        // Faults: agents hear only the contract's own errors, and a grain whose storage call failed is read again.
        services.AddSingleton<IIncomingGrainCallFilter, Agents.AgentGatewayErrors>();
        services.AddSingleton<IIncomingGrainCallFilter, Faults.StorageFailureDeactivation>();

        // Owner confirmations go out by email; the host binds Ledgerlink:Mail and may replace the mailer.
        services.AddOptions<Mail.MailOptions>();
        services.TryAddSingleton<Mail.IOwnerMailer, Mail.SmtpOwnerMailer>();
        services.TryAddSingleton<Mail.ConfirmationLinks>();

        // The silo's HTTP host replaces this with its release container; agents download releases through the gateway.
        services.TryAddSingleton<Ledgerlink.Grains.Releases.IReleaseFiles, Ledgerlink.Grains.Releases.NoReleaseFiles>();

        services.AddSingleton<DatasetBlobStore>();
        services.AddSingleton<IDatasetBlobStore>(sp => sp.GetRequiredService<DatasetBlobStore>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DatasetBlobStore>());
        return services;
    }
}
