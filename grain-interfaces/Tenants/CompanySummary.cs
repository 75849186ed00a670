namespace Ledgerlink.Tenants;

[GenerateSerializer, Immutable, Alias("Ledgerlink.Tenants.CompanySummary")]
public sealed record CompanySummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset Created);
