using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;

namespace Ledgerlink.Testing.Azurite;

/// <summary>
/// A real Azurite blob service for tests and benchmarks: the pinned one from deploy/azurite, started on a free port with
/// its data in a fresh folder, and stopped (that folder deleted) when disposed.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string? _dataDirectory;
    private readonly int _queuePort;
    private Process? _process;

    private AzuriteServer(int port, int tablePort, int queuePort, Process? process, string? dataDirectory)
    {
        Port = port;
        TablePort = tablePort;
        _queuePort = queuePort;
        _process = process;
        _dataDirectory = dataDirectory;
    }

    /// <summary>The blob service's port.</summary>
    public int Port { get; }

    /// <summary>The table service's port (Orleans membership in AzureTable clustering mode).</summary>
    public int TablePort { get; }

    /// <summary>Blob and table endpoints of this server, as a storage account's connection string names them.</summary>
    public string ConnectionString => ConnectionStringFor(Port) + $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{port}/{AccountName};";

    /// <summary>A whole storage account's connection string (blob and table service), e.g. for settings a silo validates.</summary>
    public static string ConnectionStringFor(int blobPort, int tablePort) =>
        ConnectionStringFor(blobPort) + $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    public BlobServiceClient CreateServiceClient() => new(ConnectionString);

    /// <summary>
    /// Starts an Azurite of its own on a free port. It never reuses one already listening (a developer's <c>./run.sh</c>
    /// may be serving 127.0.0.1:10000), so a test run and a running system never share or stop each other's storage.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        // Another process may take the free port between choosing it and Azurite binding it: choose again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOwnedAsync(FreeTcpPort(), cancellationToken).ConfigureAwait(false);
            }
            catch (AzuriteExitedException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Always starts a fresh Azurite of its own on <paramref name="port"/> (0: a free one).</summary>
    public static async Task<AzuriteServer> StartOwnedAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        if (port == 0)
        {
            port = FreeTcpPort();
        }

        var executable = Path.Combine(TestPaths.RepositoryRoot, "deploy", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {executable}. Run deploy/install-prerequisites.sh (test.sh does) first.");
        }

        var tablePort = FreeTcpPort();
        var queuePort = FreeTcpPort();
        var dataDirectory = Path.Combine(TestPaths.RepositoryRoot, ".data", "test-azurite", $"{port}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var server = new AzuriteServer(port, tablePort, queuePort, StartProcess(executable, port, tablePort, queuePort, dataDirectory), dataDirectory);
        try
        {
            await server.WaitUntilUpAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A storage outage: stops this Azurite (SIGTERM, as an operator or a failing host's service manager stops it),
    /// keeping its data folder, so <see cref="StartAgainAsync"/> brings the same account back on the same ports with
    /// everything it held. Not SIGKILL: Azurite keeps its metadata in memory and saves it every few seconds, so a killed
    /// one loses its last writes, which real storage never does.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync().ConfigureAwait(false);
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts this Azurite again after <see cref="StopAsync"/>: same ports, same data.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_dataDirectory is null || _process is { HasExited: false })
        {
            throw new InvalidOperationException("Only a stopped Azurite this test started can be started again.");
        }

        var executable = Path.Combine(TestPaths.RepositoryRoot, "deploy", "azurite", "node_modules", ".bin", "azurite");
        _process?.Dispose();
        _process = StartProcess(executable, Port, TablePort, _queuePort, _dataDirectory);
        await WaitUntilUpAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitUntilUpAsync(CancellationToken cancellationToken)
    {
        await WaitUntilServingAsync(Port, _process, cancellationToken).ConfigureAwait(false);
        await WaitUntilListeningAsync(TablePort, _process!, cancellationToken).ConfigureAwait(false);
    }

    private static Process StartProcess(string executable, int port, int tablePort, int queuePort, string dataDirectory)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--location", dataDirectory, "--skipApiVersionCheck", "--silent", "--loose",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
        }

        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is under the ignored .data/.
            }
        }
    }

    private static async Task WaitUntilServingAsync(int port, Process? process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (!await IsServingAsync(port, timeout.Token).ConfigureAwait(false))
        {
            if (process is { HasExited: true })
            {
                throw new AzuriteExitedException(port, process.ExitCode);
            }

            // Polling a socket that is not yet listening: the delay paces the retries, it does not synchronise.
            await Task.Delay(100, timeout.Token).ConfigureAwait(false);
        }
    }

    private static async Task WaitUntilListeningAsync(int port, Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    throw new AzuriteExitedException(port, process.ExitCode);
                }

                // Polling a socket that is not yet listening: the delay paces the retries, it does not synchronise.
                await Task.Delay(100, timeout.Token).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> IsServingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            var client = new BlobServiceClient(ConnectionStringFor(port), NoRetry());
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(TimeSpan.FromSeconds(2));
            await client.GetBlobContainerClient("azurite-probe").ExistsAsync(probe.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException
                                      or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static BlobClientOptions NoRetry()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        return options;
    }
}
