using System.Net;
using System.Net.Sockets;

namespace Ledgerlink.Testing.Processes;

/// <summary>
/// A TCP forwarder on a loopback port that a test can cut like a network: <see cref="CutAsync"/> resets every open
/// connection and refuses new ones (the port is closed), <see cref="RestoreAsync"/> accepts again on the same port.
/// Bytes are passed on unchanged in both directions; a proxy started with <c>record: true</c> also keeps a copy of every
/// byte it forwarded, in either direction (<see cref="Captured"/>), as a network capture would show them.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Lock _gate = new();
    private readonly HashSet<Link> _links = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _accepting;
    private Task _acceptLoop = Task.CompletedTask;
    private readonly MemoryStream? _capture;
    private long _bytesFromTarget;

    private TcpProxy(int port, IPEndPoint target, bool record)
    {
        Port = port;
        _target = target;
        _capture = record ? new MemoryStream() : null;
    }

    /// <summary>The port clients dial.</summary>
    public int Port { get; }

    /// <summary>Connections accepted since the proxy was created.</summary>
    public int AcceptedConnections { get; private set; }

    /// <summary>Bytes forwarded from the target back to clients, across all connections.</summary>
    public long BytesFromTarget => Interlocked.Read(ref _bytesFromTarget);

    public bool IsCut { get; private set; }

    /// <summary>
    /// Starts forwarding <c>127.0.0.1:<paramref name="port"/></c> to <c>127.0.0.1:<paramref name="targetPort"/></c>;
    /// with <paramref name="record"/>, every forwarded byte is also kept for <see cref="Captured"/>.
    /// </summary>
    public static TcpProxy Start(int port, int targetPort, bool record = false)
    {
        var proxy = new TcpProxy(port, new IPEndPoint(IPAddress.Loopback, targetPort), record);
        proxy.Listen();
        return proxy;
    }

    /// <summary>
    /// Every byte forwarded so far, both directions, in the order the chunks were read (each chunk whole, so a string
    /// sent in one write is found contiguous). Empty unless the proxy was started with <c>record: true</c>.
    /// </summary>
    public byte[] Captured()
    {
        if (_capture is null)
        {
            return [];
        }

        lock (_capture)
        {
            return _capture.ToArray();
        }
    }

    /// <summary>Drops every open connection (reset, as a pulled cable ends up) and stops accepting: new connections are refused.</summary>
    public async Task CutAsync()
    {
        Link[] open;
        lock (_gate)
        {
            IsCut = true;
            open = [.. _links];
        }

        await StopListeningAsync();
        foreach (var link in open)
        {
            link.Reset();
        }

        await Task.WhenAll(open.Select(l => l.Completion));
    }

    /// <summary>Accepts connections again on the same port.</summary>
    public Task RestoreAsync()
    {
        lock (_gate)
        {
            IsCut = false;
        }

        Listen();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await CutAsync();

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);

        // The port was ours a moment ago; connections that closed leave TIME_WAIT entries which must not block the rebind.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = new CancellationTokenSource();
        _acceptLoop = AcceptLoopAsync(listener, _accepting.Token);
    }

    private async Task StopListeningAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await _accepting!.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The listener was stopped under the pending accept.
        }

        _accepting.Dispose();
        _listener = null;
        _accepting = null;
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellation);
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target, cancellation);
            }
            catch (SocketException)
            {
                // The target is down: the client sees its connection dropped, as it would with the target itself.
                Reset(client);
                server.Dispose();
                continue;
            }

            var link = new Link(client, server, bytes => Interlocked.Add(ref _bytesFromTarget, bytes), _capture);
            lock (_gate)
            {
                if (IsCut)
                {
                    link.Reset();
                    continue;
                }

                AcceptedConnections++;
                _links.Add(link);
            }

            _ = link.Completion.ContinueWith(_ => Forget(link), TaskScheduler.Default);
            try
            {
                link.Start();
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                // Cut between accepting and starting.
                link.Reset();
            }
        }
    }

    private void Forget(Link link)
    {
        lock (_gate)
        {
            _links.Remove(link);
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            // Linger 0 makes Close send RST instead of FIN: the peer fails at once instead of seeing a clean end.
            client.Client.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        client.Dispose();
    }

    /// <summary>One client connection and its connection to the target, pumped both ways.</summary>
    private sealed class Link(TcpClient client, TcpClient server, Action<long> countFromTarget, MemoryStream? capture)
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _ended;

        public Task Completion => _completion.Task;

        public void Start()
        {
            var toServer = PumpAsync(client.GetStream(), server.GetStream(), _ => { }, capture);
            var toClient = PumpAsync(server.GetStream(), client.GetStream(), countFromTarget, capture);

            // When either side ends, the whole link ends: a half-open forwarder would hide a dead peer.
            _ = Task.WhenAny(toServer, toClient).ContinueWith(_ => Reset(), TaskScheduler.Default);
        }

        public void Reset()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 1)
            {
                return;
            }

            TcpProxy.Reset(client);
            TcpProxy.Reset(server);
            _completion.TrySetResult();
        }

        private static async Task PumpAsync(NetworkStream from, NetworkStream to, Action<long> count, MemoryStream? capture)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer)) > 0)
                {
                    if (capture is not null)
                    {
                        lock (capture)
                        {
                            capture.Write(buffer, 0, read);
                        }
                    }

                    await to.WriteAsync(buffer.AsMemory(0, read));
                    count(read);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The link was reset from the other side or by a cut.
            }
        }
    }
}
