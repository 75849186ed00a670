using Ledgerlink.Connectors;
using Ledgerlink.Grains.Connectors;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// The company's StartPull and CancelPull commands to its connector's durable outbox. A failed send is logged and
/// reported to <paramref name="sendFailed"/>, never thrown: the company's own write is what makes a request durable,
/// and the grain sends it again.
/// </summary>
public sealed class ConnectorCommands(string companyId, IGrainFactory grains, Action sendFailed, ILogger logger)
{
    public static AgentCommand StartPullFor(string companyId, PullOperationRecord record) =>
        AgentCommands.StartPull(companyId, record.Id, record.DataType, record.TraceParent);

    public Task<bool> StartPull(PullOperationRecord record) => Send(record, StartPullFor(companyId, record));

    public Task<bool> CancelPull(PullOperationRecord record, string? reason) =>
        Send(record, AgentCommands.CancelPull(companyId, record.Id, record.DataType, reason));

    /// <summary>True when the connector has the command; the connector keeps one copy of a repeated one (idempotent ids).</summary>
    private async Task<bool> Send(PullOperationRecord record, AgentCommand command)
    {
        if (record.ConnectorId is not { } connectorId)
        {
            return true;
        }

        try
        {
            await grains.GetGrain<IConnectorGrain>(connectorId).Enqueue(command);
            return true;
        }
        catch (Exception e)
        {
            CompanyLog.SendFailed(logger, e, companyId, record.Id, connectorId);
            sendFailed();
            return false;
        }
    }
}
