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
/// (<see cref="ConnectAsync(RunningSilo, string?)"/>: its own TLS Orleans client, a hello declaring
/// <see cref="AgentCapabilities.PushedCommands"/> as the agent's does, and a ring fetches the commands like the agent does),
/// or on a client the test already has (<see cref="RegisterAsync"/>, <see cref="With"/>: every step is the test's, a ring
/// is only counted, and the hello declares pushed commands only when the test says so). Pushed commands are taken as
/// fetched ones: a command id is handed to the test once, however it came.
/// </summary>
public sealed class ScriptedAgent : IAgentObserver, IAsyncDisposable
{
    private readonly IHost? _host;
    private readonly IClusterClient _client;
    private readonly bool _fetchOnDoorbell;
    private readonly AgentHello _hello;
    private readonly SemaphoreSlim _doorbell = new(0);
    private readonly SemaphoreSlim _pushed = new(0);
    private readonly Channel<AgentCommand> _commands = Channel.CreateUnbounded<AgentCommand>();
    private readonly HashSet<string> _seen = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PullLease> _leases = new(StringComparer.Ordinal);
    private AgentCredential? _credential;
    private IAgentObserver? _observer;
    private int _disposed;
    private int _pushes;

    private ScriptedAgent(
        IHost? host, IClusterClient client, string connectorId, AgentCredential? credential, bool fetchOnDoorbell, bool takesPushedCommands)
    {
        _host = host;
        _client = client;
        ConnectorId = connectorId;
        _credential = credential;
        _fetchOnDoorbell = fetchOnDoorbell;
        _hello = takesPushedCommands ? PushingHello : Hello;
    }

    /// <summary>The hello of a scripted agent that only takes commands it fetches, as agents before pushed commands.</summary>
    public static AgentHello Hello { get; } = new(Environment.MachineName, "test-agent", Environment.ProcessId);

    /// <summary>The hello of a scripted agent that also takes pushed commands, as the agent's.</summary>
    public static AgentHello PushingHello { get; } = Hello with { Capabilities = AgentCapabilities.PushedCommands };

    public string ConnectorId { get; }

    public AgentCredential Credential => _credential ?? throw new InvalidOperationException("Register first.");

    public IClusterClient Client => _client;

    public IAgentGatewayGrain Gateway => _client.GetGrain<IAgentGatewayGrain>(ConnectorId);

    /// <summary>The object reference the cluster calls back on (created on first use; hellos and heartbeats carry it).</summary>
    public IAgentObserver Observer => _observer ??= _client.CreateObjectReference<IAgentObserver>(this);

    /// <summary>Rings not yet waited for.</summary>
    public int PendingRings => _doorbell.CurrentCount;

    /// <summary>Commands brought (fetched or pushed) and not yet taken with <see cref="NextCommandAsync"/>.</summary>
    public int CommandsWaiting => _commands.Reader.Count;

    /// <summary>How many times the cluster pushed commands to this agent.</summary>
    public int Pushes => Volatile.Read(ref _pushes);

    /// <summary>Connects its own Orleans client (TLS, pinned to the test CA) to a silo's gateway, as the agent does.</summary>
    public static async Task<ScriptedAgent> ConnectAsync(
        int gatewayPort, string serviceId, string clusterId, string? connectorId = null, bool takesPushedCommands = true)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId, clusterId)
                .UseLedgerlinkTls(CertificatePins.Load(TestCertificates.CaCertificatePath, null)))
            .Build();
        await host.StartAsync();
        return new ScriptedAgent(
            host, host.Services.GetRequiredService<IClusterClient>(), connectorId ?? Guid.NewGuid().ToString(), null, fetchOnDoorbell: true, takesPushedCommands);
    }

    public static Task<ScriptedAgent> ConnectAsync(RunningSilo silo, string? connectorId = null, bool takesPushedCommands = true) =>
        ConnectAsync(silo.GatewayPort, silo.ServiceId, silo.ClusterId, connectorId, takesPushedCommands);

    /// <summary>Registers a new connector on a client the test owns (e.g. an in-process test cluster's).</summary>
    public static async Task<ScriptedAgent> RegisterAsync(IClusterClient client, string? connectorId = null, bool takesPushedCommands = false)
    {
        connectorId ??= $"conn-{Guid.NewGuid():N}"[..20];
        var registration = await client.GetGrain<IAgentGatewayGrain>(connectorId).Register(takesPushedCommands ? PushingHello : Hello);
        return With(client, new AgentCredential(registration.ConnectorId, registration.Secret), takesPushedCommands);
    }

    /// <summary>An agent with a credential it already has (a restarted agent, an impostor), on a client the test owns.</summary>
    public static ScriptedAgent With(IClusterClient client, AgentCredential credential, bool takesPushedCommands = false) =>
        new(null, client, credential.ConnectorId, credential, fetchOnDoorbell: false, takesPushedCommands);

    /// <summary>First run: registers the connector and keeps its secret, then says hello.</summary>
    public async Task<AgentSession> RegisterAndHelloAsync()
    {
        var registration = await Gateway.Register(_hello);
        _credential = new AgentCredential(registration.ConnectorId, registration.Secret);
        return await HelloAsync();
    }

    public async Task<AgentSession> HelloAsync()
    {
        var session = await Gateway.Hello(Credential, _hello, Observer);
        Accept(session);
        return session;
    }

    public async Task<AgentSession> HeartbeatAsync()
    {
        var session = await Gateway.Heartbeat(Credential, Observer);
        Accept(session);
        return session;
    }

    /// <summary>True if commands were pushed (now or since the last wait) within <paramref name="timeout"/>; they are taken by then.</summary>
    public Task<bool> WaitForPushAsync(TimeSpan timeout) => _pushed.WaitAsync(timeout);

    /// <summary>True if the doorbell rang (now or since the last wait) within <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForDoorbellAsync(TimeSpan timeout) => _doorbell.WaitAsync(timeout);

    /// <summary>The next command not seen before, waiting for a session (hello, heartbeat, or a ring) or a push to bring one.</summary>
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

    public Task CommandsPushed(IReadOnlyList<AgentCommand> commands)
    {
        Interlocked.Increment(ref _pushes);
        Take(commands);
        _pushed.Release();
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
        _pushed.Dispose();
    }

    private void Accept(AgentSession session) => Take(session.Commands);

    private void Take(IEnumerable<AgentCommand> commands)
    {
        lock (_gate)
        {
            foreach (var command in commands.Where(c => _seen.Add(c.CommandId)))
            {
                _commands.Writer.TryWrite(command);
            }
        }
    }
}
