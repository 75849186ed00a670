using Ledgerlink.Companies;
using Ledgerlink.Grains.Companies;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Tests.Companies;

/// <summary>The company's cache of its pull operations, on its own: what it takes from the owners' news and what it refuses.</summary>
public sealed class SyncHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly CompanyState _company = new();

    private SyncHistory History => new(_company, TimeProvider.System);

    [Fact]
    public void News_of_a_commit_moves_the_pointer_and_the_latest_successful_sync_together()
    {
        var record = Requested("invoices");
        var dataset = Dataset(record, records: 12);

        Assert.True(History.MovePointer(record, dataset));
        Assert.True(History.Apply(record, News(record, PullOperationStatus.Complete, 12), out var changed));

        Assert.True(changed);
        var status = _company.DataTypes["invoices"];
        Assert.Equal((PullOperationStatus.Complete, record.Id, dataset), (status.CurrentStatus, status.LatestSuccessfulPullOperationId, status.Committed));
        Assert.True(record.RecordsModified);
        Assert.Null(History.InProgress("invoices"));
    }

    [Fact]
    public void A_late_in_progress_notice_never_reopens_a_finished_operation()
    {
        var record = Requested("invoices");
        History.Apply(record, News(record, PullOperationStatus.Cancelled, 0), out _);

        Assert.False(History.Apply(record, News(record, PullOperationStatus.Fetching, 0), out var changed));

        Assert.False(changed);
        Assert.Equal(PullOperationStatus.Cancelled, record.Status);
        Assert.Equal(PullOperationStatus.Cancelled, _company.DataTypes["invoices"].CurrentStatus);
    }

    [Fact]
    public void A_sync_running_at_a_reset_has_its_commit_refused_while_a_queued_one_does_not()
    {
        var running = Requested("invoices");
        History.Apply(running, News(running, PullOperationStatus.Fetching, 0), out _);
        var queued = Requested("bills");

        Assert.Equal([running], History.RefuseRunningCommits());

        // Whatever the owner says afterwards, its data never becomes readable nor counts as a successful sync.
        Assert.False(History.MovePointer(running, Dataset(running, records: 40)));
        History.Apply(running, News(running, PullOperationStatus.Complete, 40), out _);
        Assert.Null(_company.DataTypes["invoices"].Committed);
        Assert.Null(_company.DataTypes["invoices"].LatestSuccessfulPullOperationId);
        Assert.Equal(PullOperationStatus.Complete, _company.DataTypes["invoices"].CurrentStatus);

        Assert.True(History.MovePointer(queued, Dataset(queued, records: 7)));
    }

    [Fact]
    public void A_refresh_is_finished_only_once_every_data_type_in_it_is()
    {
        var first = Requested("invoices", refreshId: "r1");
        var second = Requested("bills", refreshId: "r1");
        History.Apply(first, News(first, PullOperationStatus.Complete, 1), out _);
        Assert.Null(History.FinishedRefresh(first));

        History.Apply(second, News(second, PullOperationStatus.FetchError, 0), out _);
        Assert.Equal([first, second], History.FinishedRefresh(second));
        Assert.Equal(2, History.Statuses().Count);
    }

    private PullOperationRecord Requested(string dataType, string? refreshId = null)
    {
        var record = new PullOperationRecord
        {
            Id = Guid.NewGuid().ToString(),
            DataType = dataType,
            RefreshId = refreshId,
            ConnectionId = "connection",
            Status = PullOperationStatus.Queued,
            Requested = Now,
        };
        History.Add(record);
        return record;
    }

    private static PullOperationInfo News(PullOperationRecord record, PullOperationStatus status, long records) => new(
        record.Id, "company", record.ConnectionId, record.DataType, status, null, null, record.Requested,
        status.IsInProgress() ? null : Now.AddMinutes(1), 0, records, record.RefreshId);

    private static CommittedDataset Dataset(PullOperationRecord record, long records) =>
        new(record.Id, record.DataType, $"blob/{record.Id}", records, [new DatasetBlock(0, 10, checked((int)records))], Now.AddMinutes(1));
}
