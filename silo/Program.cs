using Ledgerlink.Silo.Hosting;
using Ledgerlink.Silo.Releases;

return args switch
{
    [HealthProbe.Verb, ..] => await HealthProbe.RunAsync(args),
    [ReleaseCommand.Verb, ..] => await ReleaseCommand.RunAsync(args),
    _ => await SiloApplication.RunAsync(args),
};
