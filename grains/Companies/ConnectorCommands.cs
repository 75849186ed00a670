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

    /// <summary>
    /// One-way (<c>IConnectorGrain.Deliver</c>): a refresh is answered after the company's write alone. The company's
    /// record is the durable copy; a delivery lost on the way is sent again when the connector next hears its agent.
    /// </summary>
    public Task<bool> StartPull(PullOperationRecord record) => Send(record, StartPullFor(companyId, record), oneWay: true);

    public Task<bool> CancelPull(PullOperationRecord record, string? reason) =>
        Send(record, AgentCommands.CancelPull(companyId, record.Id, record.DataType, reason), oneWay: false);

    /// <summary>True when the command was handed over (awaited: the connector has it); the connector keeps one copy of a repeated one (idempotent ids).</summary>
    private async Task<bool> Send(PullOperationRecord record, AgentCommand command, bool oneWay)
    {
        if (record.ConnectorId is not { } connectorId)
        {
            return true;
        }

        try
        {
            var connector = grains.GetGrain<IConnectorGrain>(connectorId);
            await (oneWay ? connector.Deliver(command) : connector.Enqueue(command));
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
