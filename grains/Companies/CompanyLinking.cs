using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.Grains.Connectors;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// A company's connections and the linking of its agent: the rules of <see cref="CompanyConnections"/>, written to the
/// company's state, and the hand-over of queued syncs to the connector that links. Built by the company grain per call.
/// </summary>
public sealed class CompanyLinking(
    string companyId,
    IPersistentState<CompanyState> state,
    IGrainFactory grains,
    RefreshQueue queue,
    TimeSpan linkCodeLifetime,
    TimeProvider time,
    ILogger logger)
{
    private CompanyState Company => state.State;

    private CompanyConnections Rules => new(Company, time);

    public async Task<ConnectionInfo?> Create(string platformKey)
    {
        if (!Company.Exists || !string.Equals(platformKey, Sage50Platform.PlatformKey, StringComparison.Ordinal))
        {
            return null;
        }

        // One live connection per company: asking again returns it.
        if (Rules.Live is { } live)
        {
            return live.ToInfo();
        }

        var connection = Rules.Add(ConnectionStatus.PendingAuth);
        await state.WriteStateAsync();
        return connection.ToInfo();
    }

    public async Task<ConnectionInfo?> SetStatus(string connectionId, ConnectionStatus status)
    {
        if (!Company.Exists || Rules.Find(connectionId) is not { } connection)
        {
            return null;
        }

        if (connection.Status != status)
        {
            connection.Status = status;
            await state.WriteStateAsync();
        }

        return connection.ToInfo();
    }

    public async Task<ConnectionInfo?> Delete(string connectionId)
    {
        if (!Company.Exists || Rules.Find(connectionId) is not { } connection)
        {
            return null;
        }

        Company.Connections.Remove(connection);
        await state.WriteStateAsync();
        return connection.ToInfo();
    }

    public async Task<IssuedLinkCode?> IssueLinkCode(string connectionId)
    {
        if (!Company.Exists || Rules.Find(connectionId) is not { IsLive: true } connection)
        {
            return null;
        }

        var issued = Rules.IssueLinkCode(connection, linkCodeLifetime);
        await state.WriteStateAsync();
        CompanyLog.LinkCodeIssued(logger, companyId, connection.Id, issued.Expires);
        return issued;
    }

    public async Task<CompanyLinkResult> Link(CompanyLinkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ConnectorId, nameof(request));
        if (Rules.LinkRefusal(request) is { } refusal)
        {
            CompanyLog.LinkRefused(logger, request.ConnectorId, refusal);
            CompanyLog.LinkRefusedFor(logger, companyId, request.ConnectorId);
            return new CompanyLinkResult(false, CompanyName: null, ConnectionId: null, refusal);
        }

        var connection = Rules.Link(request);

        // Everything still waiting for a connector goes to this one.
        var queued = queue.Queued();
        foreach (var operation in queued)
        {
            operation.ConnectorId = request.ConnectorId;
        }

        await state.WriteStateAsync();
        var connector = grains.GetGrain<IConnectorGrain>(request.ConnectorId);
        await connector.AddCompany(companyId);

        // Oldest first, so the agent works through them in the order they were asked for.
        foreach (var operation in queued.Reverse())
        {
            await connector.Enqueue(ConnectorCommands.StartPullFor(companyId, operation));
        }

        CompanyLog.Linked(logger, companyId, request.ConnectorId, connection.Id, queued.Length);
        return new CompanyLinkResult(true, Company.Profile!.Name, connection.Id, Reason: null);
    }
}
