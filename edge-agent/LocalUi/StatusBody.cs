using System.Text.Json.Serialization;
using Ledgerlink.EdgeAgent.Identity;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary><c>GET /api/status</c>: what the restart page polls for, and what scripts and tests read.</summary>
public sealed record StatusBody(
    string? ConnectorId,
    string AgentVersion,
    int ProcessId,
    string Connection,
    bool RestartLinkEnabled,
    IReadOnlyList<string> CompanyIds,
    IReadOnlyList<string> PausedCompanyIds,
    string? Update = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StatusBody))]
internal sealed partial class LocalUiJsonContext : JsonSerializerContext;
