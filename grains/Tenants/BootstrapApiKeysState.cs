using Ledgerlink.Tenants;

namespace Ledgerlink.Grains.Tenants;

/// <summary>The keys the last start registered from configuration: hash → owner.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Tenants.BootstrapApiKeysState")]
public sealed class BootstrapApiKeysState
{
    [Id(0)]
    public Dictionary<string, ApiKeyInfo> Keys { get; set; } = new(StringComparer.Ordinal);
}
