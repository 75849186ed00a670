using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// A refresh is written once, as the company's record of it; its pull operation writes nothing until it first moves. So
/// the record is what a queued pull operation is made from (<see cref="Request"/>) and what it looks like until then
/// (<see cref="QueuedInfo"/>), exactly as the pull operation itself would answer.
/// </summary>
public static class QueuedRecords
{
    public static PullOperationRequest Request(this PullOperationRecord record, string companyId) =>
        new(companyId, record.ConnectionId, record.DataType, record.RefreshId, record.Requested, record.FullSync);

    public static PullOperationInfo QueuedInfo(this PullOperationRecord record, string companyId) => new(
        record.Id,
        companyId,
        record.ConnectionId,
        record.DataType,
        PullOperationStatus.Queued,
        StatusDescription: null,
        ErrorMessage: null,
        record.Requested,
        Completed: null,
        Progress: 0,
        RecordCount: 0,
        record.RefreshId);
}
