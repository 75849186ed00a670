using Ledgerlink.Connectors;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// A refresh the API answered is durable in this grain's state before its StartPull goes to the connector; when that
/// send fails (the connector's storage write failed, its silo was lost), the request must still reach the agent. Until
/// every queued request has been handed over, a timer sends them again, keeping the grain active meanwhile. A silo lost
/// between the write and the send leaves no timer: the connector asks again when it hears its agent
/// (<see cref="ResendQueuedTo"/>), so the request still reaches the agent without anyone touching the company.
/// </summary>
public sealed partial class CompanyGrain
{
    /// <summary>How often unsent StartPulls are tried again while storage or the connector's silo is away.</summary>
    private static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(3);

    private IGrainTimer? _resendTimer;

    public async Task ResendQueuedTo(string connectorId)
    {
        foreach (var record in State.Operations.Where(o => o.ConnectorId == connectorId).ToArray())
        {
            await ResendIfQueued(record);
        }
    }

    private void ScheduleResend()
    {
        _resendTimer ??= this.RegisterGrainTimer(
            ResendQueued,
            new GrainTimerCreationOptions { DueTime = ResendInterval, Period = ResendInterval, KeepAlive = true });
    }

    private async Task ResendQueued(CancellationToken cancellationToken)
    {
        var queued = State.Operations.Where(o => o.Status == PullOperationStatus.Queued && o.ConnectorId is not null).ToArray();
        foreach (var record in queued)
        {
            try
            {
                // Idempotent: the command id is derived from the dataset, so the connector keeps one copy.
                await GrainFactory.GetGrain<IConnectorGrain>(record.ConnectorId!).Enqueue(StartPullFor(record));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CompanyLog.SendFailed(Logger, e, CompanyId, record.Id, record.ConnectorId!);
                return;
            }
        }

        CompanyLog.ResentQueued(Logger, CompanyId, queued.Length);
        _resendTimer?.Dispose();
        _resendTimer = null;
    }
}
