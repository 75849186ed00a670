using Ledgerlink.EdgeAgent.Cluster;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Linking;
using Ledgerlink.EdgeAgent.LocalFiles;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Supervision;
using Ledgerlink.EdgeAgent.Sync;
using Ledgerlink.EdgeAgent.Updates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace Ledgerlink.EdgeAgent.Hosting;

/// <summary>
/// Builds the agent's generic host: configuration (appsettings.json beside the executable, then <c>Ledgerlink__*</c>
/// environment variables, then <c>--Ledgerlink:Agent:...=value</c> arguments), Serilog to the console and to a daily
/// file in the data folder, and the agent's services.
/// </summary>
public static class AgentHost
{
    public static HostApplicationBuilder CreateBuilder(string[] configurationArgs, bool consoleLogs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "ledgerlink-agent",
        });
        var options = builder.Configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
        if (options.BatchBytes is < 1024 or > 3 * 1024 * 1024)
        {
            throw new AgentConfigurationException("Ledgerlink:Agent:BatchBytes must be between 1024 and 3145728.");
        }

        options.Sage50.Validate();
        if (options.Tls.Enabled)
        {
            _ = options.Tls.LoadPins();
        }

        // A key file that cannot be read stops the agent here, naming the setting; no key at all only turns updates off.
        _ = options.Releases.ResolvePublicKey();

        var dataFolder = options.ResolvedDataFolder;
        // Logs name companies and connectors: they live in a folder only the agent's account may read.
        PrivateFile.EnsureFolder(dataFolder);
        PrivateFile.EnsureFolder(Path.Combine(dataFolder, "logs"));
        var logs = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)

            // A refused silo certificate is said once, in the agent's own words (ClusterConnection), not as a stack trace.
            .MinimumLevel.Override("Orleans.Connections.Security", LogEventLevel.Error)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.File(Path.Combine(dataFolder, "logs", "agent-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj} {TraceId}{NewLine}{Exception}");
        if (consoleLogs)
        {
            logs.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
        }

        builder.Services.AddSerilog(logs.CreateLogger(), dispose: true);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new AgentIdentityStore(dataFolder));
        builder.Services.AddSingleton(new LinkedCompanyStore(dataFolder));
        builder.Services.AddSingleton(services => options.Sage50.CreateFactory(services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton(Sage50Readers.Default);
        builder.Services.AddSingleton<PullRunner>();
        builder.Services.AddSingleton<LinkCommand>();
        builder.Services.AddSingleton<AgentStatus>();
        builder.Services.AddSingleton(new BrandingCache(dataFolder));
        builder.Services.AddSingleton(new SyncActivity(dataFolder));
        builder.Services.AddSingleton<RestartCoordinator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UpdateStatus>();
        builder.Services.AddSingleton<AgentUpdater>();
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(service => service.ServiceName = "Ledgerlink Agent");
        return builder;
    }

    public static void AddAgentService(this HostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<AgentService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AgentUpdater>());
    }
}
