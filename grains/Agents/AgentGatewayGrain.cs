using Ledgerlink.Agents;
using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Ledgerlink.Grains.Agents;

/// <summary>
/// The agents' only door into the cluster (key: connector id). It holds no state: every call proves the connector's
/// secret to the connector grain, and every dataset call proves the dataset's company is served by that connector,
/// before anything is forwarded.
/// </summary>
[StatelessWorker]
public sealed class AgentGatewayGrain(
    IOptions<LedgerlinkGrainOptions> options,
    ILogger<AgentGatewayGrain> logger) : Grain, IAgentGatewayGrain
{
    private const int MaxConnectorIdLength = 64;
    private readonly TimeSpan _heartbeatInterval = options.Value.HeartbeatInterval;

    private string ConnectorId => this.GetPrimaryKeyString();

    private IConnectorGrain Connector => GrainFactory.GetGrain<IConnectorGrain>(ConnectorId);

    public async Task<ConnectorRegistration> Register(AgentHello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        if (!IsWellFormedConnectorId(ConnectorId))
        {
            throw Refuse(nameof(Register),
                $"Connector ids are 1-{MaxConnectorIdLength} letters, digits, '-' or '_'.");
        }

        var secret = await Connector.Register(hello)
            ?? throw Refuse(nameof(Register), "This connector id is already registered.");
        return new ConnectorRegistration(ConnectorId, secret);
    }

    public async Task<AgentSession> Hello(AgentCredential credential, AgentHello hello, IAgentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(hello);
        ArgumentNullException.ThrowIfNull(observer);
        await Authenticate(credential, nameof(Hello));
        await Connector.Connected(hello, observer);
        return await Session();
    }

    public async Task<AgentSession> Heartbeat(AgentCredential credential, IAgentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        await Authenticate(credential, nameof(Heartbeat));
        await Connector.Heartbeat(observer);
        return await Session();
    }

    public async Task<CompanyLinkResult> LinkCompany(AgentCredential credential, string companyId, CompanyLinkRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(companyId);
        ArgumentNullException.ThrowIfNull(request);
        await Authenticate(credential, nameof(LinkCompany));

        // The agent cannot link on another connector's behalf, whatever the request says.
        return await GrainFactory.GetGrain<ICompanyGrain>(companyId).LinkConnector(request with { ConnectorId = ConnectorId });
    }

    public async Task<PullResumePoint> StartPull(AgentCredential credential, string datasetId)
    {
        var operation = await AuthorizeDataset(credential, datasetId, nameof(StartPull));
        return await operation.Start(ConnectorId);
    }

    public async Task<BatchAck> AppendBatch(
        AgentCredential credential, string datasetId, DatasetBatch batch, CancellationToken cancellationToken = default)
    {
        var operation = await AuthorizeDataset(credential, datasetId, nameof(AppendBatch));
        return await operation.AppendBatch(ConnectorId, batch, cancellationToken);
    }

    public async Task ReportProgress(AgentCredential credential, string datasetId, int percent)
    {
        var operation = await AuthorizeDataset(credential, datasetId, nameof(ReportProgress));
        await operation.ReportProgress(ConnectorId, percent);
    }

    public async Task<PullOperationInfo> CompletePull(
        AgentCredential credential, string datasetId, long recordCount, CancellationToken cancellationToken = default)
    {
        var operation = await AuthorizeDataset(credential, datasetId, nameof(CompletePull));
        return await operation.Complete(ConnectorId, recordCount, cancellationToken);
    }

    public async Task<PullOperationInfo> FailPull(AgentCredential credential, string datasetId, string errorMessage)
    {
        var operation = await AuthorizeDataset(credential, datasetId, nameof(FailPull));
        return await operation.Fail(ConnectorId, PullOperationStatus.FetchError, errorMessage);
    }

    private async Task Authenticate(AgentCredential credential, string operation)
    {
        // One answer for every failure, so a caller learns nothing about which part was wrong.
        if (credential is null
            || !string.Equals(credential.ConnectorId, ConnectorId, StringComparison.Ordinal)
            || string.IsNullOrEmpty(credential.Secret)
            || !await Connector.VerifySecret(credential.Secret))
        {
            throw Refuse(operation, "The agent credential was refused.");
        }
    }

    private async Task<IPullOperationGrain> AuthorizeDataset(AgentCredential credential, string datasetId, string operation)
    {
        await Authenticate(credential, operation);
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetId);
        var pull = GrainFactory.GetGrain<IPullOperationGrain>(datasetId);
        if (await pull.Get() is not { } info || !await Connector.ServesCompany(info.CompanyId))
        {
            throw Refuse(operation, "This connector does not serve that dataset's company.");
        }

        return pull;
    }

    private async Task<AgentSession> Session()
    {
        var commands = await Connector.GetPendingCommands();
        var info = await Connector.GetInfo()
            ?? throw new InvalidOperationException($"Connector {ConnectorId} vanished during the call.");
        return new AgentSession(commands, _heartbeatInterval, info.RestartLinkEnabled, info.CompanyIds, info.PausedCompanyIds);
    }

    private AgentAccessDeniedException Refuse(string operation, string reason)
    {
        AgentGatewayLog.Refused(logger, ConnectorId, operation, reason);
        return new AgentAccessDeniedException(reason);
    }

    private static bool IsWellFormedConnectorId(string id) =>
        id.Length is > 0 and <= MaxConnectorIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
