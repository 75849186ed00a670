using System.Net;
using System.Net.Sockets;
using Ledgerlink.Testing.Azurite;

namespace Ledgerlink.Testing.Processes;

/// <summary>
/// A loopback TCP proxy put between a client and a server to cut the network: <see cref="CutAsync"/> drops every open
/// connection and refuses new ones, <see cref="Restore"/> accepts again on the same port.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _accepting;
    private int _connections;

    private TcpProxy(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Connections accepted so far (a reconnecting client shows up here).</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    public static TcpProxy Start(int targetPort)
    {
        var proxy = new TcpProxy(new IPEndPoint(IPAddress.Loopback, targetPort), AzuriteServer.FreeTcpPort());
        proxy.Restore();
        return proxy;
    }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _accepting = new CancellationTokenSource();
            _ = AcceptAsync(_listener, _accepting.Token);
        }
    }

    /// <summary>Stops accepting and resets every open connection, as a dropped network would.</summary>
    public async Task CutAsync()
    {
        TcpClient[] open;
        lock (_gate)
        {
            _accepting?.Cancel();
            _listener?.Stop();
            _listener = null;
            open = [.. _open];
            _open.Clear();
        }

        foreach (var client in open)
        {
            try
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Close();
            }
            catch (ObjectDisposedException)
            {
                // Closed by its pump already.
            }
        }

        await Task.Yield();
    }

    public async ValueTask DisposeAsync()
    {
        await CutAsync();
        _accepting?.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target, cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_gate)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    return;
                }

                _open.Add(inbound);
                _open.Add(outbound);
            }

            Interlocked.Increment(ref _connections);
            _ = PumpAsync(inbound, outbound);
        }
    }

    private static async Task PumpAsync(TcpClient inbound, TcpClient outbound)
    {
        try
        {
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
            // One side went away.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
