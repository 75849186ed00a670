using System.Text.Json.Serialization;
using Ledgerlink.Connectors;

namespace Ledgerlink.Grains.Connectors;

/// <summary>What a connector keeps durably. Presence is not here: heartbeats are too frequent to be worth a write each.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Connectors.ConnectorState")]
public sealed class ConnectorState
{
    /// <summary>Lowercase hex SHA-256 of the secret; null until the connector is registered.</summary>
    [Id(0)] public string? SecretHash { get; set; }

    [Id(1)] public DateTimeOffset Registered { get; set; }

    [Id(2)] public string? MachineName { get; set; }

    [Id(3)] public string? AgentVersion { get; set; }

    [Id(4)] public int? ProcessId { get; set; }

    /// <summary>When the agent last said hello (heartbeats since then are only kept in memory).</summary>
    [Id(5)] public DateTimeOffset? LastSeen { get; set; }

    [Id(6)] public List<string> CompanyIds { get; set; } = [];

    [Id(7)] public List<string> PausedCompanyIds { get; set; } = [];

    [Id(8)] public bool RestartLinkEnabled { get; set; }

    /// <summary>Commands not yet finished, oldest first.</summary>
    [Id(9)] public List<AgentCommand> Outbox { get; set; } = [];

    /// <summary>When support last asked for a restart that the agent has not yet carried out.</summary>
    [Id(10)] public DateTimeOffset? RestartRequested { get; set; }

    /// <summary>A rotated secret the agent has been given but not yet used; the first call with it makes it the secret.</summary>
    [Id(11)] public string? PendingSecretHash { get; set; }

    [Id(12)] public DateTimeOffset? SecretIssued { get; set; }

    [Id(13)] public bool SecretRotationRequested { get; set; }

    /// <summary>Set by support: no secret of this connector is accepted again, and the id cannot be registered anew.</summary>
    [Id(14)] public DateTimeOffset? Revoked { get; set; }

    [Id(15)] public string? RevokedReason { get; set; }

    /// <summary>What the agent's last hello declared; heartbeats do not repeat it, and a reactivated connector needs it.</summary>
    [Id(16)] public AgentCapabilities AgentCapabilities { get; set; }

    [JsonIgnore]
    public bool IsRegistered => SecretHash is not null || Revoked is not null;

    /// <summary>The connector as support sees it; presence comes from the activation, not from this state.</summary>
    public ConnectorInfo ToInfo(string connectorId, bool online, DateTimeOffset? lastHeartbeat, bool secretRotationDue) => new(
        connectorId,
        MachineName,
        AgentVersion,
        ProcessId,
        online,
        Latest(LastSeen, lastHeartbeat),
        CompanyIds.ToArray(),
        PausedCompanyIds.ToArray(),
        RestartLinkEnabled,
        Outbox.ToArray(),
        secretRotationDue,
        SecretIssued ?? Registered,
        Revoked,
        RevokedReason);

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
