using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.LocalFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;

namespace Ledgerlink.EdgeAgent.Supervision;

/// <summary>
/// The supervisor's own small host: it runs as the service (systemd or Windows) and logs to <c>logs/supervisor-.log</c>
/// in the data folder, beside the worker's <c>agent-.log</c> (two processes cannot share one rolling file).
/// </summary>
public static class SupervisorHost
{
    public static async Task<int> RunAsync(string[] configurationArgs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "ledgerlink-agent",
        });
        var options = builder.Configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
        var dataFolder = options.ResolvedDataFolder;
        PrivateFile.EnsureFolder(dataFolder);
        var logs = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .WriteTo.File(Path.Combine(dataFolder, "logs", "supervisor-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}")
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
        builder.Services.AddSerilog(logs.CreateLogger(), dispose: true);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Supervisor>(sp, new object[] { configurationArgs }));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Supervisor>());
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(service => service.ServiceName = "Ledgerlink Agent");
        using var host = builder.Build();
        // RunAsync disposes the host when it stops (SIGTERM, service stop): take the supervisor out before, so a stop
        // reads its exit code instead of throwing ObjectDisposedException from a disposed container.
        var supervisor = host.Services.GetRequiredService<Supervisor>();
        await host.RunAsync();
        return supervisor.ExitCode;
    }
}
