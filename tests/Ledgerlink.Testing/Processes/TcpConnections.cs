using System.Globalization;

namespace Ledgerlink.Testing.Processes;

/// <summary>What the kernel says about this machine's TCP connections (Linux <c>/proc/net/tcp*</c>).</summary>
public static class TcpConnections
{
    /// <summary>Established connections whose local port is <paramref name="port"/>: for a silo's gateway, its agents.</summary>
    public static int EstablishedTo(int port)
    {
        var hex = port.ToString("X4", CultureInfo.InvariantCulture);
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f.Length > 3 && f[1].EndsWith($":{hex}", StringComparison.Ordinal) && f[3] == "01");
    }
}
