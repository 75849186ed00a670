using Ledgerlink.Silo.Hosting;

return await SiloApplication.RunAsync(args);
