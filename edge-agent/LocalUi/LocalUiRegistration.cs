using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Supervision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ledgerlink.EdgeAgent.LocalUi;

public static class LocalUiRegistration
{
    /// <summary>The worker's extras: the local web UI and the watch on its supervisor.</summary>
    public static void AddLocalUi(this HostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LocalUiOptions.Section).Get<LocalUiOptions>() ?? new LocalUiOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new ProductNameStore(sp.GetRequiredService<AgentOptions>().ResolvedDataFolder));
        builder.Services.AddSingleton<Pages>();
        builder.Services.AddSingleton(sp => UiToken.LoadOrCreate(sp.GetRequiredService<AgentOptions>().ResolvedDataFolder));
        builder.Services.AddSingleton<LinkWizard>();
        builder.Services.AddHostedService<LocalUiServer>();
        builder.Services.AddHostedService<SupervisorWatch>();
    }
}
