using System.Net;
using System.Net.Sockets;

namespace Ledgerlink.Grains.Webhooks.Targets;

/// <summary>
/// Which IP addresses a webhook may be posted to: only public unicast ones. Everything that reaches this machine, the
/// silo's network or a cloud's metadata service is refused, in IPv4 and IPv6, including IPv6 forms that embed an IPv4
/// address (mapped, compatible, NAT64, 6to4, Teredo), since those can lead back to a private IPv4 address.
/// </summary>
public static class WebhookAddressPolicy
{
    private static readonly (IPAddress Network, int PrefixLength, string Name)[] ForbiddenRanges =
    [
        (IPAddress.Parse("0.0.0.0"), 8, "this network"),
        (IPAddress.Parse("10.0.0.0"), 8, "private"),
        (IPAddress.Parse("100.64.0.0"), 10, "carrier-grade NAT"),
        (IPAddress.Parse("127.0.0.0"), 8, "loopback"),
        (IPAddress.Parse("169.254.0.0"), 16, "link-local and cloud metadata"),
        (IPAddress.Parse("172.16.0.0"), 12, "private"),
        (IPAddress.Parse("192.0.0.0"), 24, "IETF protocol assignments"),
        (IPAddress.Parse("192.0.2.0"), 24, "documentation"),
        (IPAddress.Parse("192.88.99.0"), 24, "6to4 relay"),
        (IPAddress.Parse("192.168.0.0"), 16, "private"),
        (IPAddress.Parse("198.18.0.0"), 15, "benchmarking"),
        (IPAddress.Parse("198.51.100.0"), 24, "documentation"),
        (IPAddress.Parse("203.0.113.0"), 24, "documentation"),
        (IPAddress.Parse("224.0.0.0"), 4, "multicast"),
        (IPAddress.Parse("240.0.0.0"), 4, "reserved and broadcast"),
        (IPAddress.Parse("::"), 128, "unspecified"),
        (IPAddress.Parse("::1"), 128, "loopback"),
        (IPAddress.Parse("::ffff:0:0"), 96, "IPv4-mapped"),
        (IPAddress.Parse("::"), 96, "IPv4-compatible"),
        (IPAddress.Parse("64:ff9b::"), 96, "NAT64"),
        (IPAddress.Parse("64:ff9b:1::"), 48, "local NAT64"),
        (IPAddress.Parse("100::"), 64, "discard"),
        (IPAddress.Parse("2001::"), 32, "Teredo"),
        (IPAddress.Parse("2001:db8::"), 32, "documentation"),
        (IPAddress.Parse("2002::"), 16, "6to4"),
        (IPAddress.Parse("fc00::"), 7, "unique local and cloud metadata"),
        (IPAddress.Parse("fe80::"), 10, "link-local"),
        (IPAddress.Parse("fec0::"), 10, "site-local"),
        (IPAddress.Parse("ff00::"), 8, "multicast"),
    ];

    /// <summary>Why <paramref name="address"/> is refused (e.g. "loopback"), or null when it is a public address.</summary>
    public static string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return "not an IP address";
        }

        var bytes = address.GetAddressBytes();
        foreach (var (network, prefixLength, name) in ForbiddenRanges)
        {
            if (network.AddressFamily == address.AddressFamily && InPrefix(bytes, network.GetAddressBytes(), prefixLength))
            {
                return name;
            }
        }

        return null;
    }

    public static bool IsAllowed(IPAddress address) => Refusal(address) is null;

    private static bool InPrefix(byte[] address, byte[] network, int prefixLength)
    {
        var whole = prefixLength / 8;
        for (var i = 0; i < whole; i++)
        {
            if (address[i] != network[i])
            {
                return false;
            }
        }

        var rest = prefixLength % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (address[whole] & mask) == (network[whole] & mask);
    }
}
