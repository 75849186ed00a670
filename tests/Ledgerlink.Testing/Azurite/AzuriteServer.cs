using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;

namespace Ledgerlink.Testing.Azurite;

/// <summary>
/// A real Azurite blob service for tests and benchmarks. Reuses one already listening on 127.0.0.1:10000 (what
/// <c>deploy/azurite/start.sh</c> runs), otherwise starts the pinned one from deploy/azurite on a free port with its
/// data in a fresh folder, and stops it (and deletes that folder) when disposed. Only what it started is stopped.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int DefaultPort = 10000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process? _process;
    private readonly string? _dataDirectory;

    private AzuriteServer(int port, Process? process, string? dataDirectory)
    {
        Port = port;
        _process = process;
        _dataDirectory = dataDirectory;
    }

    public int Port { get; }

    /// <summary>True when this instance started Azurite itself (and so will stop it).</summary>
    public bool Owned => _process is not null;

    public string ConnectionString => ConnectionStringFor(Port);

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{port}/{AccountName};";

    public BlobServiceClient CreateServiceClient() => new(ConnectionString);

    /// <summary>Uses a running Azurite on the default port, or starts one on a free port.</summary>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable("LEDGERLINK_TEST_AZURITE_PORT") is { } configured
            && int.TryParse(configured, out var configuredPort))
        {
            await WaitUntilServingAsync(configuredPort, process: null, cancellationToken).ConfigureAwait(false);
            return new AzuriteServer(configuredPort, process: null, dataDirectory: null);
        }

        if (await IsServingAsync(DefaultPort, cancellationToken).ConfigureAwait(false))
        {
            return new AzuriteServer(DefaultPort, process: null, dataDirectory: null);
        }

        return await StartOwnedAsync(FreeTcpPort(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Always starts a fresh Azurite of its own on <paramref name="port"/> (0: a free one).</summary>
    public static async Task<AzuriteServer> StartOwnedAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        if (port == 0)
        {
            port = FreeTcpPort();
        }

        var executable = Path.Combine(TestPaths.RepositoryRoot, "deploy", "azurite", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {executable}. Run deploy/install-prerequisites.sh (test.sh does) first.");
        }

        var dataDirectory = Path.Combine(TestPaths.RepositoryRoot, ".data", "test-azurite", $"{port}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        var server = new AzuriteServer(port, process, dataDirectory);
        try
        {
            await WaitUntilServingAsync(port, process, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
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
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before serving on port {port}.");
            }

            // Polling a socket that is not yet listening: the delay paces the retries, it does not synchronise.
            await Task.Delay(100, timeout.Token).ConfigureAwait(false);
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
