using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Security;

/// <summary>Issues and checks <see cref="PullLease"/>s: an HMAC over dataset, connector and expiry with the cluster's key.</summary>
public sealed class PullLeases(ClusterKeys keys, IOptions<LedgerlinkGrainOptions> options, TimeProvider time)
{
    private readonly TimeSpan _lifetime = options.Value.PullLeaseLifetime;

    public PullLease Issue(string datasetId, string connectorId)
    {
        var expiresAt = time.GetUtcNow().Add(_lifetime);
        return new PullLease(datasetId, connectorId, expiresAt, Sign(datasetId, connectorId, expiresAt));
    }

    /// <summary>True when the lease was issued by this cluster for <paramref name="datasetId"/> and has not expired.</summary>
    public bool IsValidFor(PullLease? lease, string datasetId) =>
        lease is { Signature: { Length: 32 } signature }
        && string.Equals(lease.DatasetId, datasetId, StringComparison.Ordinal)
        && lease.ExpiresAt > time.GetUtcNow()
        && CryptographicOperations.FixedTimeEquals(signature, Sign(lease.DatasetId, lease.ConnectorId ?? string.Empty, lease.ExpiresAt));

    private byte[] Sign(string datasetId, string connectorId, DateTimeOffset expiresAt)
    {
        // Lengths first, so no two different (dataset, connector) pairs sign the same text.
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{datasetId.Length}:{datasetId}|{connectorId.Length}:{connectorId}|{expiresAt.ToUnixTimeMilliseconds()}");
        return HMACSHA256.HashData(keys.LeaseKey, Encoding.UTF8.GetBytes(text));
    }
}
