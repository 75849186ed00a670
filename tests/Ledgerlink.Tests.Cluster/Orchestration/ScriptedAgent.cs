using Ledgerlink.Agents;
using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>
/// An agent driven step by step by a test: a real Orleans client calling the agent gateway, with a real observer
/// object reference that counts doorbell rings.
/// </summary>
public sealed class ScriptedAgent : IAgentObserver, IDisposable
{
    private readonly IClusterClient _client;
    private readonly SemaphoreSlim _doorbell = new(0);
    private readonly Dictionary<string, PullLease> _leases = new(StringComparer.Ordinal);
    private IAgentObserver? _reference;

    public ScriptedAgent(IClusterClient client, AgentCredential credential)
    {
        _client = client;
        Credential = credential;
    }

    public static AgentHello Hello { get; } = new("SMB-PC-01", "1.0.0-test", 4242);

    public AgentCredential Credential { get; }

    public string ConnectorId => Credential.ConnectorId;

    public IAgentGatewayGrain Gateway => _client.GetGrain<IAgentGatewayGrain>(ConnectorId);

    /// <summary>Every command any session has handed this agent, in arrival order.</summary>
    public List<AgentCommand> Received { get; } = [];

    /// <summary>The object reference the cluster calls back on (created on first use).</summary>
    public IAgentObserver Reference => _reference ??= _client.CreateObjectReference<IAgentObserver>(this);

    public static async Task<ScriptedAgent> RegisterAsync(IClusterClient client, string? connectorId = null)
    {
        connectorId ??= $"conn-{Guid.NewGuid():N}"[..20];
        var registration = await client.GetGrain<IAgentGatewayGrain>(connectorId).Register(Hello);
        return new ScriptedAgent(client, new AgentCredential(registration.ConnectorId, registration.Secret));
    }

    public Task CommandsAvailable()
    {
        _doorbell.Release();
        return Task.CompletedTask;
    }

    public async Task<AgentSession> SayHelloAsync()
    {
        var session = await Gateway.Hello(Credential, Hello, Reference);
        Received.AddRange(session.Commands);
        return session;
    }

    public async Task<AgentSession> HeartbeatAsync()
    {
        var session = await Gateway.Heartbeat(Credential, Reference);
        Received.AddRange(session.Commands);
        return session;
    }

    /// <summary>True if the doorbell rang (now or since the last wait) within <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForDoorbellAsync(TimeSpan timeout) => _doorbell.WaitAsync(timeout);

    /// <summary>Rings not yet waited for.</summary>
    public int PendingRings => _doorbell.CurrentCount;

    /// <summary>Links the company with the licence key (its id) and the one-time link code the integrator issued.</summary>
    public Task<CompanyLinkResult> LinkAsync(string companyId, string? linkCode) =>
        Gateway.LinkCompany(Credential, companyId, new CompanyLinkRequest(ConnectorId, "Stationery & Co (Sage 50)", "GB123456789", linkCode));

    /// <summary>Starts (or resumes) a pull and keeps its lease for the calls below, as the agent does.</summary>
    public async Task<PullResumePoint> StartPullAsync(string datasetId)
    {
        var resume = await Gateway.StartPull(Credential, datasetId);
        _leases[datasetId] = resume.Lease;
        return resume;
    }

    /// <summary>The lease of the last <see cref="StartPullAsync"/> for that dataset.</summary>
    public PullLease LeaseFor(string datasetId) => _leases[datasetId];

    /// <summary>A lease this agent was never given, signed with a key the cluster does not have.</summary>
    public PullLease ForgedLease(string datasetId) =>
        new(datasetId, ConnectorId, DateTimeOffset.UtcNow.AddHours(1), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public Task<BatchAck> SendAsync(string datasetId, DatasetBatch batch) => Gateway.AppendBatch(LeaseFor(datasetId), batch);

    public Task<PullReport> CompleteAsync(string datasetId, long recordCount) =>
        Gateway.CompletePull(LeaseFor(datasetId), recordCount);

    public Task<PullReport> FailAsync(string datasetId, string message) => Gateway.FailPull(LeaseFor(datasetId), message);

    public Task ReportProgressAsync(string datasetId, int percent) => Gateway.ReportProgress(LeaseFor(datasetId), percent);

    public void Dispose()
    {
        if (_reference is not null)
        {
            _client.DeleteObjectReference<IAgentObserver>(_reference);
        }

        _doorbell.Dispose();
    }
}
