using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Connections;

namespace Ledgerlink.Silo.Hosting;

/// <summary>
/// Bounds how often one source address may open a connection to the gateway. Anyone on the internet can reach the
/// gateway, and registering a connector needs no credential, so this is what limits registrations per address; an
/// agent reconnecting after a network cut stays far below it.
/// </summary>
public sealed partial class GatewayConnectionLimiter(int perMinute, ILogger<GatewayConnectionLimiter> logger) : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        using var lease = _limiter.AttemptAcquire(address);
        if (!lease.IsAcquired)
        {
            LogRefused(logger, address.ToString(), perMinute);
            connection.Abort(new ConnectionAbortedException("Too many connections from this address."));
            return;
        }

        await next(connection);
    };

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(1, LogLevel.Warning, "Gateway connection from {Address} refused: more than {PerMinute} a minute from that address")]
    private static partial void LogRefused(ILogger logger, string address, int perMinute);
}
