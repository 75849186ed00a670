namespace Ledgerlink.Companies;

[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.CompanyInfo")]
public sealed record CompanyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] CompanyProfile Profile,
    [property: Id(3)] DateTimeOffset Created,
    [property: Id(4)] DateTimeOffset? LastSync,
    [property: Id(5)] IReadOnlyList<ConnectionInfo> Connections);
