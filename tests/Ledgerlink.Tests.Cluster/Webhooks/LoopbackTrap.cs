using System.Net;
using System.Net.Sockets;

namespace Ledgerlink.Tests.Webhooks;

/// <summary>
/// TCP listeners on 127.0.0.1 and [::1] at one port, counting every connection: what a service on the silo's loopback
/// would see if a webhook reached it. Nothing should.
/// </summary>
public sealed class LoopbackTrap : IDisposable
{
    private readonly List<TcpListener> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public LoopbackTrap()
    {
        var v4 = new TcpListener(IPAddress.Loopback, 0);
        v4.Start();
        Port = ((IPEndPoint)v4.LocalEndpoint).Port;
        _listeners.Add(v4);
        try
        {
            var v6 = new TcpListener(IPAddress.IPv6Loopback, Port);
            v6.Start();
            _listeners.Add(v6);
        }
        catch (SocketException)
        {
            // No IPv6 loopback here (or the port is taken on it): the IPv4 listener still counts.
        }

        foreach (var listener in _listeners)
        {
            _ = AcceptAsync(listener);
        }
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
