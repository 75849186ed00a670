using Ledgerlink.Grains.Hosting;
using Ledgerlink.Grains.Mail;
using Ledgerlink.Grains.Webhooks;

namespace Ledgerlink.Silo.Hosting;

/// <summary>The Ledgerlink grains' services and settings (<c>Ledgerlink:Grains</c>, <c>Ledgerlink:Mail</c>, <c>Ledgerlink:Webhooks</c>).</summary>
public static class GrainsSetup
{
    public static ISiloBuilder AddLedgerlinkGrainServices(this ISiloBuilder silo, LedgerlinkSiloOptions options, IConfiguration configuration)
    {
        silo.AddLedgerlinkGrains(grains =>
        {
            configuration.GetSection("Ledgerlink:Grains").Bind(grains);
            grains.Datasets.ConnectionString = options.Storage.ConnectionString;
            grains.Datasets.ContainerName = options.Storage.DatasetContainer;
        });
        silo.Services.AddOptions<MailOptions>().Configure(mail =>
        {
            configuration.GetSection(MailOptions.SectionName).Bind(mail);
            mail.PublicBaseUrl ??= configuration.GetValue<Uri?>("Ledgerlink:Api:PublicBaseUrl");
        });
        silo.AddLedgerlinkWebhooks(webhooks => configuration.GetSection("Ledgerlink:Webhooks").Bind(webhooks));
        return silo;
    }
}
