using System.Text.Json.Serialization;
using Ledgerlink.EdgeAgent.Identity;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// <c>GET /api/status</c>: what the restart page polls for, and what scripts and tests read. <c>workerId</c> changes with
/// every restart (a new host in the worker process, or a new process: <see cref="Supervision.WorkerGeneration"/>);
/// <c>processId</c> changes only with a new process.
/// </summary>
public sealed record StatusBody(
    string? ConnectorId,
    string AgentVersion,
    int ProcessId,
    string Connection,
    bool RestartLinkEnabled,
    IReadOnlyList<string> CompanyIds,
    IReadOnlyList<string> PausedCompanyIds,
    string? Update = null,
    string? WorkerId = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StatusBody))]
internal sealed partial class LocalUiJsonContext : JsonSerializerContext;
