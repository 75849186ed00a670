using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Polling;

namespace Ledgerlink.Testing.MailDev;

/// <summary>
/// A real maildev (the pinned one in deploy/maildev) on free SMTP and web ports, its mail in a fresh folder: the silo
/// sends to it over SMTP and tests read what arrived from its REST API (<c>GET /api/email</c>). Stopped (and the
/// folder deleted) when disposed.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _mailDirectory;
    private readonly HttpClient _http;

    private MailDevServer(Process process, int smtpPort, int webPort, string mailDirectory)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _mailDirectory = mailDirectory;
        _http = new HttpClient { BaseAddress = WebAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public int SmtpPort { get; }

    public int WebPort { get; }

    public Uri WebAddress => new($"http://127.0.0.1:{WebPort}/");

    /// <summary>The silo settings that send mail here.</summary>
    public IReadOnlyDictionary<string, string?> SiloSettings => new Dictionary<string, string?>
    {
        ["Ledgerlink:Mail:SmtpHost"] = "127.0.0.1",
        ["Ledgerlink:Mail:SmtpPort"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Ledgerlink:Mail:Tls"] = "None",
    };

    public static async Task<MailDevServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = Path.Combine(TestPaths.RepositoryRoot, "deploy", "maildev", "node_modules", ".bin", "maildev");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"maildev is not installed at {executable}. Run deploy/install-prerequisites.sh (test.sh does) first.");
        }

        var smtpPort = AzuriteServer.FreeTcpPort();
        var webPort = AzuriteServer.FreeTcpPort();
        var mailDirectory = Path.Combine(TestPaths.RepositoryRoot, ".data", "test-maildev", $"{smtpPort}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(mailDirectory);
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--smtp", smtpPort.ToString(CultureInfo.InvariantCulture), "--ip", "127.0.0.1",
                     "--web", webPort.ToString(CultureInfo.InvariantCulture), "--web-ip", "127.0.0.1",
                     "--mail-directory", mailDirectory, "--silent",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("maildev did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MailDevServer(process, smtpPort, webPort, mailDirectory);
        try
        {
            await server.WaitUntilServingAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every email received so far, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> EmailsAsync(CancellationToken cancellationToken = default)
    {
        var emails = await _http.GetFromJsonAsync<List<ReceivedEmail>>(new Uri("api/email", UriKind.Relative), cancellationToken)
            .ConfigureAwait(false);
        return [.. (emails ?? []).OrderBy(e => e.Time)];
    }

    /// <summary>Emails to <paramref name="address"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> EmailsToAsync(string address, CancellationToken cancellationToken = default) =>
        [.. (await EmailsAsync(cancellationToken).ConfigureAwait(false))
            .Where(e => e.To.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Polls until <paramref name="count"/> emails to <paramref name="address"/> arrived; the timeout is a safety net.</summary>
    public Task<IReadOnlyList<ReceivedEmail>> WaitForEmailsToAsync(string address, int count, TimeSpan timeout) =>
        Eventually.ValueAsync(() => EmailsToAsync(address), emails => emails.Count >= count, timeout, $"{count} emails to {address}");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
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
        try
        {
            Directory.Delete(_mailDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the ignored .data/.
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"maildev exited with code {_process.ExitCode} before serving on port {WebPort}.");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("api/healthz", UriKind.Relative), timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && await SmtpListensAsync(timeout.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            // Polling a port that is not yet listening: the delay paces the retries, it does not synchronise.
            await Task.Delay(100, timeout.Token).ConfigureAwait(false);
        }
    }

    private async Task<bool> SmtpListensAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync("127.0.0.1", SmtpPort, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}

/// <summary>One email as maildev's REST API shows it.</summary>
public sealed record ReceivedEmail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("to")] IReadOnlyList<ReceivedAddress> To,
    [property: JsonPropertyName("text")] string? Text);

public sealed record ReceivedAddress([property: JsonPropertyName("address")] string Address);
