using Ledgerlink.Releases;

namespace Ledgerlink.Grains.Releases;

[GenerateSerializer, Alias("Ledgerlink.Grains.Releases.ReleaseCatalogState")]
public sealed class ReleaseCatalogState
{
    [Id(0)]
    public List<ReleaseInfo> Releases { get; set; } = [];

    [Id(1)]
    public Dictionary<string, ReleaseHold> Holds { get; set; } = new(StringComparer.Ordinal);
}
