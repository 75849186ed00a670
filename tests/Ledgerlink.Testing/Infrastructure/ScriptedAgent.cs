using System.Security.Cryptography;
using System.Threading.Channels;
using Ledgerlink.Agents;
using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.EdgeAgent.Cluster;
using Ledgerlink.PullOperations;
using Ledgerlink.Security;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ledgerlink.Testing.Infrastructure;

/// <summary>
/// A test stand-in for the edge agent that speaks the real agent protocol: calls to <see cref="IAgentGatewayGrain"/> only,
/// with its credential and leases, and a real observer for the doorbell. Either connected as the agent is
/// (<see cref="ConnectAsync(RunningSilo, string?)"/>: its own TLS Orleans client, and a ring fetches the commands like the
/// agent does), or on a client the test already has (<see cref="RegisterAsync"/>, <see cref="With"/>: every step is the
/// test's, and a ring is only counted).
/// </summary>
public sealed class ScriptedAgent : IAgentObserver, IAsyncDisposable
{
    private readonly IHost? _host;
    private readonly IClusterClient _client;
    private readonly bool _fetchOnDoorbell;
    private readonly SemaphoreSlim _doorbell = new(0);
    private readonly Channel<AgentCommand> _commands = Channel.CreateUnbounded<AgentCommand>();
    private readonly HashSet<string> _seen = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PullLease> _leases = new(StringComparer.Ordinal);
    private AgentCredential? _credential;
    private IAgentObserver? _observer;
    private int _disposed;

    private ScriptedAgent(IHost? host, IClusterClient client, string connectorId, AgentCredential? credential, bool fetchOnDoorbell)
    {
        _host = host;
        _client = client;
        ConnectorId = connectorId;
        _credential = credential;
        _fetchOnDoorbell = fetchOnDoorbell;
    }

    /// <summary>The hello this scripted agent sends.</summary>
    public static AgentHello Hello { get; } = new(Environment.MachineName, "test-agent", Environment.ProcessId);

    public string ConnectorId { get; }

    public AgentCredential Credential => _credential ?? throw new InvalidOperationException("Register first.");

    public IClusterClient Client => _client;

    public IAgentGatewayGrain Gateway => _client.GetGrain<IAgentGatewayGrain>(ConnectorId);

    /// <summary>The object reference the cluster calls back on (created on first use; hellos and heartbeats carry it).</summary>
    public IAgentObserver Observer => _observer ??= _client.CreateObjectReference<IAgentObserver>(this);

    /// <summary>Rings not yet waited for.</summary>
    public int PendingRings => _doorbell.CurrentCount;

    /// <summary>Connects its own Orleans client (TLS, pinned to the test CA) to a silo's gateway, as the agent does.</summary>
    public static async Task<ScriptedAgent> ConnectAsync(int gatewayPort, string serviceId, string clusterId, string? connectorId = null)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId, clusterId)
                .UseLedgerlinkTls(CertificatePins.Load(TestCertificates.CaCertificatePath, null)))
            .Build();
        await host.StartAsync();
        return new ScriptedAgent(host, host.Services.GetRequiredService<IClusterClient>(), connectorId ?? Guid.NewGuid().ToString(), null, fetchOnDoorbell: true);
    }

    public static Task<ScriptedAgent> ConnectAsync(RunningSilo silo, string? connectorId = null) =>
        ConnectAsync(silo.GatewayPort, silo.ServiceId, silo.ClusterId, connectorId);

    /// <summary>Registers a new connector on a client the test owns (e.g. an in-process test cluster's).</summary>
    public static async Task<ScriptedAgent> RegisterAsync(IClusterClient client, string? connectorId = null)
    {
        connectorId ??= $"conn-{Guid.NewGuid():N}"[..20];
        var registration = await client.GetGrain<IAgentGatewayGrain>(connectorId).Register(Hello);
        return With(client, new AgentCredential(registration.ConnectorId, registration.Secret));
    }

    /// <summary>An agent with a credential it already has (a restarted agent, an impostor), on a client the test owns.</summary>
    public static ScriptedAgent With(IClusterClient client, AgentCredential credential) =>
        new(null, client, credential.ConnectorId, credential, fetchOnDoorbell: false);

    /// <summary>First run: registers the connector and keeps its secret, then says hello.</summary>
    public async Task<AgentSession> RegisterAndHelloAsync()
    {
        var registration = await Gateway.Register(Hello);
        _credential = new AgentCredential(registration.ConnectorId, registration.Secret);
        return await HelloAsync();
    }

    public async Task<AgentSession> HelloAsync()
    {
        var session = await Gateway.Hello(Credential, Hello, Observer);
        Accept(session);
        return session;
    }

    public async Task<AgentSession> HeartbeatAsync()
    {
        var session = await Gateway.Heartbeat(Credential, Observer);
        Accept(session);
        return session;
    }

    /// <summary>True if the doorbell rang (now or since the last wait) within <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForDoorbellAsync(TimeSpan timeout) => _doorbell.WaitAsync(timeout);

    /// <summary>The next command not seen before, waiting for a session (hello, heartbeat, or a ring) to bring one.</summary>
    public async Task<AgentCommand> NextCommandAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _commands.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>Links the company with the licence key (its id) and the one-time link code the integrator issued.</summary>
    public Task<CompanyLinkResult> LinkAsync(string companyId, string? linkCode, string sageCompanyName = "Demo Ltd", string? vatNumber = "GB123456789") =>
        Gateway.LinkCompany(Credential, companyId, new CompanyLinkRequest(ConnectorId, sageCompanyName, vatNumber, linkCode));

    /// <summary>Starts (or resumes) a pull and keeps its lease for the calls below, as the agent does.</summary>
    public async Task<PullResumePoint> StartPullAsync(string datasetId)
    {
        var resume = await Gateway.StartPull(Credential, datasetId);
        lock (_gate)
        {
            _leases[datasetId] = resume.Lease;
        }

        return resume;
    }

    /// <summary>The lease of the last <see cref="StartPullAsync"/> for that dataset.</summary>
    public PullLease LeaseFor(string datasetId)
    {
        lock (_gate)
        {
            return _leases[datasetId];
        }
    }

    /// <summary>A lease this agent was never given, signed with a key the cluster does not have.</summary>
    public PullLease ForgedLease(string datasetId) =>
        new(datasetId, ConnectorId, DateTimeOffset.UtcNow.AddHours(1), RandomNumberGenerator.GetBytes(32));

    public Task<BatchAck> SendAsync(string datasetId, DatasetBatch batch) => Gateway.AppendBatch(LeaseFor(datasetId), batch);

    public Task<PullReport> CompleteAsync(string datasetId, long recordCount) => Gateway.CompletePull(LeaseFor(datasetId), recordCount);

    public Task<PullReport> FailAsync(string datasetId, string message) => Gateway.FailPull(LeaseFor(datasetId), message);

    public Task ReportProgressAsync(string datasetId, int percent) => Gateway.ReportProgress(LeaseFor(datasetId), percent);

    /// <summary>
    /// Runs one pull: start (or resume), send the records in batches, complete; with <paramref name="completion"/>, as
    /// the incremental agent completes (its watermark, and the base a delta was computed on), from the resume point.
    /// </summary>
    public async Task<PullReport> RunPullAsync(
        string datasetId, IReadOnlyList<string> jsonRecords, int batchSize = 100, Func<PullResumePoint, PullCompletion>? completion = null)
    {
        var resume = await StartPullAsync(datasetId);
        var sequence = resume.NextSequence;
        foreach (var chunk in jsonRecords.Skip((int)resume.RecordsStored).Chunk(batchSize))
        {
            var ack = await Gateway.AppendBatch(resume.Lease, Batch(sequence, chunk));
            if (!ack.Accepted)
            {
                throw new InvalidOperationException($"Batch {sequence} refused: {ack.Reason}");
            }

            sequence = ack.NextSequence;
        }

        return completion is null
            ? await Gateway.CompletePull(resume.Lease, jsonRecords.Count)
            : await Gateway.CompletePullWith(resume.Lease, completion(resume));
    }

    /// <summary>Simple JSON records of a data type, for pulls whose content the test does not inspect field by field.</summary>
    public static List<string> Records(string dataType, int count) =>
        Enumerable.Range(1, count).Select(i => $$"""{"id":"{{dataType}}-{{i}}","amount":{{i}}.50}""").ToList();

    /// <summary>One batch as the agent sends it, built by the agent's own compressor.</summary>
    public static DatasetBatch Batch(long sequence, IReadOnlyCollection<string> jsonRecords) => Batches.Of(sequence, jsonRecords);

    public Task CommandsAvailable()
    {
        _doorbell.Release();
        if (_fetchOnDoorbell)
        {
            // The doorbell carries no work: fetch it, as the real agent does.
            _ = Task.Run(async () =>
            {
                try
                {
                    await HeartbeatAsync();
                }
                catch (Exception e) when (e is OrleansException or InvalidOperationException or TimeoutException or ObjectDisposedException)
                {
                    // A missed ring is recovered by the next heartbeat.
                }
            });
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_observer is not null)
        {
            _client.DeleteObjectReference<IAgentObserver>(_observer);
        }

        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _doorbell.Dispose();
    }

    private void Accept(AgentSession session)
    {
        lock (_gate)
        {
            foreach (var command in session.Commands.Where(c => _seen.Add(c.CommandId)))
            {
                _commands.Writer.TryWrite(command);
            }
        }
    }
}
