using System.Globalization;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Hosting;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Linking;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// ledgerlink-agent [run] [--Ledgerlink:Agent:Setting=value ...]   (supervisor: runs and relaunches the worker)
// ledgerlink-agent worker [--Ledgerlink:Agent:Setting=value ...] (the agent itself, with its local web UI)
// ledgerlink-agent link --licence <key> --data-dir <dir> --user <name> --password <pw>
// ledgerlink-agent --version                                     (prints the agent's version: install scripts, support)
// ledgerlink-agent demo [--data-dir <dir>] [--splits <n> --seed <s> | --mutate --edit <n> --post <m> --delete <k> | --restore-older <copy>]
// Globalization is on for System.Data.Odbc's sake (see the project file); nothing the agent formats or parses may
// depend on the PC's regional settings, so every thread runs with the invariant culture.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

if (args is ["--version" or "version"])
{
    Console.WriteLine(AgentVersion.Current);
    return 0;
}

var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0].ToLowerInvariant() : "run";
var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
try
{
    switch (verb)
    {
        case "run":
            {
                return await SupervisorHost.RunAsync(rest);
            }

        case "worker":
            {
                return await WorkerHost.RunAsync(rest);
            }

        case "link":
            {
                var linkArguments = LinkArguments.Parse(rest, out var problem);
                if (linkArguments is null)
                {
                    await Console.Error.WriteLineAsync($"{problem}\n{LinkArguments.Usage}");
                    return LinkCommand.BadArguments;
                }

                // Link prints one line of its own; the details go to the log file only.
                var builder = AgentHost.CreateBuilder([], consoleLogs: false);
                using var host = builder.Build();
                using var cancel = new CancellationTokenSource();
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    cancel.Cancel();
                };
                return await host.Services.GetRequiredService<LinkCommand>().RunAsync(linkArguments, Console.Out, Console.Error, cancel.Token);
            }

        case "demo":
            {
                return DemoCommand.Run(rest, Console.Out, Console.Error);
            }

        default:
            await Console.Error.WriteLineAsync($"Unknown command '{verb}'. Commands: run (the default), worker, link, demo.\n{LinkArguments.Usage}");
            return LinkCommand.BadArguments;
    }
}
catch (AgentConfigurationException e)
{
    await Console.Error.WriteLineAsync($"Configuration error: {e.Message}");
    return LinkCommand.BadArguments;
}
