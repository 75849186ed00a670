using System.Net;
using Ledgerlink.Grains.Webhooks.Targets;

namespace Ledgerlink.Tests.Webhooks;

/// <summary>Every range a webhook must never reach, in IPv4 and IPv6, and public addresses that must stay reachable.</summary>
public sealed class WebhookAddressPolicyTests
{
    public static TheoryData<string, string> Forbidden => new()
    {
        { "127.0.0.1", "loopback" },
        { "127.255.255.254", "loopback" },
        { "10.0.0.5", "private" },
        { "10.255.255.255", "private" },
        { "172.16.0.1", "private" },
        { "172.31.255.255", "private" },
        { "192.168.1.1", "private" },
        { "100.64.0.1", "carrier-grade NAT" },
        { "100.127.255.254", "carrier-grade NAT" },
        { "169.254.169.254", "link-local and cloud metadata" },
        { "169.254.0.1", "link-local and cloud metadata" },
        { "0.0.0.0", "this network" },
        { "0.1.2.3", "this network" },
        { "224.0.0.1", "multicast" },
        { "239.255.255.250", "multicast" },
        { "240.0.0.1", "reserved and broadcast" },
        { "255.255.255.255", "reserved and broadcast" },
        { "192.0.0.8", "IETF protocol assignments" },
        { "192.0.2.10", "documentation" },
        { "198.51.100.7", "documentation" },
        { "203.0.113.9", "documentation" },
        { "198.18.0.1", "benchmarking" },
        { "192.88.99.1", "6to4 relay" },
        { "::", "unspecified" },
        { "::1", "loopback" },
        { "::ffff:127.0.0.1", "IPv4-mapped" },
        { "::ffff:10.0.0.5", "IPv4-mapped" },
        { "::ffff:169.254.169.254", "IPv4-mapped" },
        { "::ffff:8.8.8.8", "IPv4-mapped" },
        { "::127.0.0.1", "IPv4-compatible" },
        { "64:ff9b::a00:5", "NAT64" },
        { "64:ff9b:1::1", "local NAT64" },
        { "100::1", "discard" },
        { "2001::1", "Teredo" },
        { "2001:db8::1", "documentation" },
        { "2002:7f00:1::1", "6to4" },
        { "fc00::1", "unique local and cloud metadata" },
        { "fd00:ec2::254", "unique local and cloud metadata" },
        { "fdff:ffff::1", "unique local and cloud metadata" },
        { "fe80::1", "link-local" },
        { "febf::1", "link-local" },
        { "fec0::1", "site-local" },
        { "ff02::1", "multicast" },
        { "ff05::2", "multicast" },
    };

    public static TheoryData<string> Public =>
    [
        "8.8.8.8",
        "1.1.1.1",
        "93.184.216.34",
        "100.63.255.255",
        "100.128.0.1",
        "172.15.255.255",
        "172.32.0.1",
        "169.253.255.255",
        "11.0.0.1",
        "2606:4700:4700::1111",
        "2a00:1450:4009:81f::200e",
        "2001:4860:4860::8888",
    ];

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void A_forbidden_address_is_refused_with_its_range(string address, string range)
    {
        Assert.Equal(range, WebhookAddressPolicy.Refusal(IPAddress.Parse(address)));
        Assert.False(WebhookAddressPolicy.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [MemberData(nameof(Public))]
    public void A_public_address_is_allowed(string address) =>
        Assert.Null(WebhookAddressPolicy.Refusal(IPAddress.Parse(address)));
}
