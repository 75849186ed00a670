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
/// A test stand-in for the edge agent that speaks the real agent protocol: a real Orleans client connected to the silo's
/// gateway, calling only <see cref="IAgentGatewayGrain"/> with its credential, with a real observer for the doorbell.
/// It receives commands, and the test decides what records each pull sends.
/// </summary>
public sealed class ScriptedAgent : IAgentObserver, IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Channel<AgentCommand> _commands = Channel.CreateUnbounded<AgentCommand>();
    private readonly HashSet<string> _seen = [];
    private readonly Lock _gate = new();
    private int _disposed;
    private IAgentObserver? _observer;

    private ScriptedAgent(IHost host, string connectorId)
    {
        _host = host;
        ConnectorId = connectorId;
    }

    public string ConnectorId { get; }

    public AgentCredential? Credential { get; private set; }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public IAgentGatewayGrain Gateway => Client.GetGrain<IAgentGatewayGrain>(ConnectorId);

    /// <summary>The observer reference the hello registered (heartbeats carry it).</summary>
    public IAgentObserver Observer => _observer ?? throw new InvalidOperationException("Say hello first.");

    /// <summary>The hello this scripted agent sends.</summary>
    public static AgentHello HelloMessage => Hello();

    public static async Task<ScriptedAgent> ConnectAsync(int gatewayPort, string serviceId, string clusterId, string? connectorId = null)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId, clusterId)
                .UseLedgerlinkTls(CertificatePins.Load(TestCertificates.CaCertificatePath, null)))
            .Build();
        await host.StartAsync();
        return new ScriptedAgent(host, connectorId ?? Guid.NewGuid().ToString());
    }

    public static Task<ScriptedAgent> ConnectAsync(RunningSilo silo, string? connectorId = null) =>
        ConnectAsync(silo.GatewayPort, silo.ServiceId, silo.ClusterId, connectorId);

    /// <summary>First run: registers the connector and keeps its secret, then says hello.</summary>
    public async Task<AgentSession> RegisterAndHelloAsync()
    {
        var registration = await Gateway.Register(Hello());
        Credential = new AgentCredential(registration.ConnectorId, registration.Secret);
        return await HelloAsync();
    }

    public async Task<AgentSession> HelloAsync()
    {
        _observer ??= Client.CreateObjectReference<IAgentObserver>(this);
        var session = await Gateway.Hello(RequireCredential(), Hello(), _observer);
        Accept(session);
        return session;
    }

    public async Task<AgentSession> HeartbeatAsync()
    {
        var session = await Gateway.Heartbeat(RequireCredential(), _observer ?? throw new InvalidOperationException("Say hello first."));
        Accept(session);
        return session;
    }

    /// <summary>Links the company with the licence key (its id) and the one-time link code the integrator issued.</summary>
    public Task<CompanyLinkResult> LinkAsync(string companyId, string? linkCode, string sageCompanyName = "Demo Ltd", string? vatNumber = "GB123456789") =>
        Gateway.LinkCompany(RequireCredential(), companyId, new CompanyLinkRequest(ConnectorId, sageCompanyName, vatNumber, linkCode));

    /// <summary>The next command not seen before, waiting for the doorbell (or a heartbeat) to bring one.</summary>
    public async Task<AgentCommand> NextCommandAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _commands.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>Runs one pull: start (or resume), send the records in batches, complete.</summary>
    public async Task<PullReport> RunPullAsync(string datasetId, IReadOnlyList<string> jsonRecords, int batchSize = 100)
    {
        var credential = RequireCredential();
        var resume = await Gateway.StartPull(credential, datasetId);
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

        return await Gateway.CompletePull(resume.Lease, jsonRecords.Count);
    }

    /// <summary>Simple JSON records of a data type, for pulls whose content the test does not inspect field by field.</summary>
    public static List<string> Records(string dataType, int count) =>
        Enumerable.Range(1, count).Select(i => $$"""{"id":"{{dataType}}-{{i}}","amount":{{i}}.50}""").ToList();

    /// <summary>One batch as the agent sends it, built by the agent's own compressor.</summary>
    public static DatasetBatch Batch(long sequence, IReadOnlyCollection<string> jsonRecords) => Batches.Of(sequence, jsonRecords);

    public Task CommandsAvailable()
    {
        // The doorbell carries no work: fetch it, as the real agent does.
        _ = Task.Run(async () =>
        {
            try
            {
                await HeartbeatAsync();
            }
            catch (Exception e) when (e is OrleansException or InvalidOperationException or TimeoutException)
            {
                // A missed ring is recovered by the next heartbeat.
            }
        });
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
            Client.DeleteObjectReference<IAgentObserver>(_observer);
        }

        await _host.StopAsync();
        _host.Dispose();
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

    private AgentCredential RequireCredential() => Credential ?? throw new InvalidOperationException("Register first.");

    private static AgentHello Hello() => new(Environment.MachineName, "test-agent", Environment.ProcessId);
}
