using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Security;

/// <summary>
/// Keys every silo of one deployment shares and no agent has: the pull-lease signing key and the stamp that marks a
/// call as made inside the cluster. Taken from <see cref="LedgerlinkGrainOptions.ClusterKey"/> when set, otherwise
/// derived from the storage connection string, which every silo already holds and no agent ever sees.
/// </summary>
public sealed class ClusterKeys
{
    public ClusterKeys(IOptions<LedgerlinkGrainOptions> options)
    {
        var settings = options.Value;
        var root = settings.ClusterKey is { Length: > 0 } key
            ? Encoding.UTF8.GetBytes(key)
            : SHA256.HashData(Encoding.UTF8.GetBytes("ledgerlink/cluster/" + (settings.Datasets.ConnectionString ?? string.Empty)));
        LeaseKey = Derive(root, "pull-lease/v1");
        InternalCallStamp = Convert.ToBase64String(Derive(root, "internal-call/v1"));
    }

    public byte[] LeaseKey { get; }

    public string InternalCallStamp { get; }

    private static byte[] Derive(byte[] root, string purpose) => HMACSHA256.HashData(root, Encoding.UTF8.GetBytes(purpose));
}
