using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Supervision;

/// <summary>
/// In a supervised worker, stops the worker when its supervisor is gone (killed, crashed): the supervisor holds the
/// worker's standard input open, so end of input means nobody will relaunch this worker, and running the executable
/// again must be able to start everything (local UI port, data folder) afresh.
/// </summary>
public sealed partial class SupervisorWatch(IHostApplicationLifetime lifetime, ILogger<SupervisorWatch> logger) : BackgroundService
{
    /// <summary>
    /// A read of standard input does not observe cancellation, so it runs on its own and each host waits for it. One per
    /// process: a host started by a restart inside the process (<see cref="WorkerHost"/>) watches the same read rather
    /// than leave a second reader of the same input behind at every restart.
    /// </summary>
    private static readonly Lazy<Task> EndOfInput = new(() => Task.Run(ReadToEndAsync, CancellationToken.None));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!WorkerExit.Supervised)
        {
            return;
        }

        try
        {
            await EndOfInput.Value.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        LogSupervisorGone(logger);
        lifetime.StopApplication();
    }

    private static async Task ReadToEndAsync()
    {
        await using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (await input.ReadAsync(buffer) > 0)
        {
            // The supervisor writes nothing; anything read is ignored.
        }
    }

    [LoggerMessage(62, LogLevel.Warning, "The supervisor is gone: stopping this worker")]
    private static partial void LogSupervisorGone(ILogger logger);
}
