using Ledgerlink.Support;

namespace Ledgerlink.Grains.Support;

[GenerateSerializer, Alias("Ledgerlink.Grains.Support.SupportAuditState")]
public sealed class SupportAuditState
{
    /// <summary>Newest first, at most <see cref="SupportAuditGrain.Retained"/>.</summary>
    [Id(0)] public List<SupportAuditEntry> Entries { get; set; } = [];
}
