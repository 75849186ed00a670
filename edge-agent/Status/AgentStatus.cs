using Ledgerlink.Agents;

namespace Ledgerlink.EdgeAgent.Status;

/// <summary>
/// What this agent process knows right now about its link to the cluster: the connection state, the current session's
/// gateway and settings. The agent's loop writes it; the local web UI reads it and uses the gateway for the user's actions.
/// </summary>
public sealed class AgentStatus
{
    private readonly Lock _gate = new();
    private Snapshot _current = Snapshot.Starting;

    public Snapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>The connector id from the identity file, known before the first hello succeeds.</summary>
    public void Identified(string connectorId) => Change(s => s with { ConnectorId = connectorId });

    public void Connected(string connectorId, IAgentGatewayGrain gateway, AgentCredential credential, AgentSession session) =>
        Change(s => s with
        {
            ConnectorId = connectorId,
            State = ConnectionState.Online,
            Gateway = gateway,
            Credential = credential,
            RestartLinkEnabled = session.RestartLinkEnabled,
            CompanyIds = session.CompanyIds,
            PausedCompanyIds = session.PausedCompanyIds,
            TargetVersion = session.TargetVersion,
            Problem = null,
        });

    public void SessionUpdated(AgentSession session) => Change(s => s with
    {
        RestartLinkEnabled = session.RestartLinkEnabled,
        CompanyIds = session.CompanyIds,
        PausedCompanyIds = session.PausedCompanyIds,
        TargetVersion = session.TargetVersion,
    });

    /// <summary>The pause took effect on the cluster; shown at once rather than after the next heartbeat.</summary>
    public void PauseChanged(string companyId, bool paused) => Change(s => s with
    {
        PausedCompanyIds = paused ? [.. s.PausedCompanyIds.Append(companyId).Distinct()] : [.. s.PausedCompanyIds.Where(c => c != companyId)],
    });

    public void Disconnected(string problem) => Change(s => s.State == ConnectionState.Restarting
        ? s
        : s with { State = ConnectionState.Offline, Gateway = null, Credential = null, Problem = problem });

    public void Restarting() => Change(s => s with { State = ConnectionState.Restarting });

    private void Change(Func<Snapshot, Snapshot> change)
    {
        lock (_gate)
        {
            _current = change(_current);
        }
    }

    public enum ConnectionState
    {
        Connecting,
        Online,
        Offline,
        Restarting,
    }

    public sealed record Snapshot(
        string? ConnectorId,
        ConnectionState State,
        IAgentGatewayGrain? Gateway,
        AgentCredential? Credential,
        bool RestartLinkEnabled,
        IReadOnlyList<string> CompanyIds,
        IReadOnlyList<string> PausedCompanyIds,
        string? Problem,
        string? TargetVersion = null)
    {
        public static Snapshot Starting { get; } = new(null, ConnectionState.Connecting, null, null, false, [], [], null);

        public bool IsPaused(string companyId) => PausedCompanyIds.Contains(companyId);
    }
}
