using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Security;

/// <summary>Issues and checks <see cref="PullLease"/>s: an HMAC over pull operation, connector and expiry with the cluster's key.</summary>
public sealed class PullLeases(ClusterKeys keys, IOptions<LedgerlinkGrainOptions> options, TimeProvider time)
{
    private readonly TimeSpan _lifetime = options.Value.PullLeaseLifetime;

    public PullLease Issue(string pullOperationId, string connectorId)
    {
        var expiresAt = time.GetUtcNow().Add(_lifetime);
        return new PullLease(pullOperationId, connectorId, expiresAt, Sign(pullOperationId, connectorId, expiresAt));
    }

    /// <summary>True when the lease was issued by this cluster for <paramref name="pullOperationId"/> and has not expired.</summary>
    public bool IsValidFor(PullLease? lease, string pullOperationId) =>
        lease is { Signature: { Length: 32 } signature }
        && string.Equals(lease.PullOperationId, pullOperationId, StringComparison.Ordinal)
        && lease.ExpiresAt > time.GetUtcNow()
        && CryptographicOperations.FixedTimeEquals(signature, Sign(lease.PullOperationId, lease.ConnectorId ?? string.Empty, lease.ExpiresAt));

    private byte[] Sign(string pullOperationId, string connectorId, DateTimeOffset expiresAt)
    {
        // Lengths first, so no two different (pull operation, connector) pairs sign the same text.
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{pullOperationId.Length}:{pullOperationId}|{connectorId.Length}:{connectorId}|{expiresAt.ToUnixTimeMilliseconds()}");
        return HMACSHA256.HashData(keys.LeaseKey, Encoding.UTF8.GetBytes(text));
    }
}
