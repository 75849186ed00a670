using Ledgerlink.Silo.Hosting;

return args is [HealthProbe.Verb, ..]
    ? await HealthProbe.RunAsync(args)
    : await SiloApplication.RunAsync(args);
