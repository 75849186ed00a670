using System.Text.Json.Serialization;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary><c>GET /api/companies</c>.</summary>
public sealed record CompaniesBody(IReadOnlyList<CompanySyncView> Companies);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CompaniesBody))]
internal sealed partial class CompaniesJsonContext : JsonSerializerContext;
