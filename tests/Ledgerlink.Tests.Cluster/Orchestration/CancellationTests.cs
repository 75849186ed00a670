using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>Cancellation: a cancelled sync stops, commits nothing, and leaves the previous dataset where it was.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class CancellationTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    [Fact]
    public async Task A_cancelled_pull_commits_nothing_and_the_previous_dataset_stays_current()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var companyId = company.GetPrimaryKeyString();
        var first = await QueueAsync(company, DataTypeNames.Customers);
        Assert.True(await agent.WaitForDoorbellAsync(TimeSpan.FromSeconds(1)));
        var firstRecords = Batches.Records("customer", 0, 3);
        Assert.Equal(PullOperationStatus.Complete, (await RunPullAsync(agent, first.Id, firstRecords)).Status);
        var before = await company.GetCommittedDataset(DataTypeNames.Customers);

        var second = await QueueAsync(company, DataTypeNames.Customers);
        Assert.True(await agent.WaitForDoorbellAsync(TimeSpan.FromSeconds(1)));
        await agent.StartPullAsync(second.Id);
        Assert.True((await agent.SendAsync(second.Id, Batches.Of(0, Batches.Records("customer", 100, 4)))).Accepted);
        Assert.Equal(0, agent.PendingRings);

        var cancelled = await Operation(second.Id).Cancel("Cancelled by support");
        Assert.Equal((PullOperationStatus.Cancelled, "Cancelled by support"), (cancelled.Status, cancelled.StatusDescription));

        // The agent is told to stop...
        Assert.True(await agent.WaitForDoorbellAsync(TimeSpan.FromSeconds(1)), "the cancel did not ring the doorbell");
        var session = await agent.HeartbeatAsync();
        var cancel = Assert.Single(session.Commands, c => c.Kind == AgentCommandKind.CancelPull);
        Assert.Equal(second.Id, cancel.PullOperationId);
        Assert.DoesNotContain(session.Commands, c => c.Kind == AgentCommandKind.StartPull && c.PullOperationId == second.Id);

        // ...and whatever it still sends is refused with ContinueSync=false.
        var late = await agent.SendAsync(second.Id, Batches.Of(1, Batches.Records("customer", 104, 1)));
        Assert.Equal((false, false), (late.Accepted, late.ContinueSync));
        Assert.Equal(PullOperationStatus.Cancelled, (await agent.CompleteAsync(second.Id, 4)).Status);
        Assert.False((await agent.StartPullAsync(second.Id)).ContinueSync);

        // Nothing of the cancelled dataset is visible; the pointer and its blob are as before.
        Assert.False(await Cluster.DatasetContainer.GetBlobClient(
            Cluster.DatasetStore.BlobNameFor(companyId, DataTypeNames.Customers, second.Id)).ExistsAsync());
        var after = await company.GetCommittedDataset(DataTypeNames.Customers);
        Assert.Equal((before!.DatasetId, before.BlobName, before.RecordCount, before.CommittedAt),
            (after!.DatasetId, after.BlobName, after.RecordCount, after.CommittedAt));
        Assert.Equal(before.Blocks, after.Blocks);
        var download = await Cluster.DatasetContainer.GetBlobClient(after.BlobName).DownloadStreamingAsync();
        Assert.Equal(Batches.Ndjson(firstRecords), await Batches.DecompressAsync(download.Value.Content));

        var status = Assert.Single(await company.GetDataStatus());
        Assert.Equal((PullOperationStatus.Cancelled, second.Id, first.Id),
            (status.CurrentStatus, status.LatestPullOperationId, status.LatestSuccessfulPullOperationId));

        // The cancel was a one-shot signal; nothing is left for this dataset once it has been fetched.
        Assert.Empty((await Connector(agent.ConnectorId).GetInfo())!.PendingCommands);

        // And the data type can be queued again.
        await QueueAsync(company, DataTypeNames.Customers);
    }

    [Fact]
    public async Task A_pull_cancelled_before_the_agent_fetched_it_never_reaches_the_agent_as_a_start()
    {
        var company = await CreateCompanyAsync();
        var agent = await RegisterAgentAsync();
        Assert.True((await agent.LinkAsync(company.GetPrimaryKeyString(), await LinkCodeAsync(company))).Linked);
        var queued = await QueueAsync(company, DataTypeNames.Bills);

        Assert.Equal(PullOperationStatus.Cancelled, (await (await KnownOperation(company, queued.Id)).Cancel("Not needed")).Status);

        var session = await agent.HelloAsync();
        var command = Assert.Single(session.Commands);
        Assert.Equal((AgentCommandKind.CancelPull, queued.Id), (command.Kind, command.PullOperationId));
        Assert.Equal(PullOperationStatus.Cancelled, Assert.Single(await company.GetDataStatus()).CurrentStatus);
        Assert.Null(await company.GetCommittedDataset(DataTypeNames.Bills));
    }

    [Fact]
    public async Task Cancelling_a_finished_pull_changes_nothing()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.TaxRates);
        await RunPullAsync(agent, queued.Id, Batches.Records("tax", 0, 1));

        var result = await Operation(queued.Id).Cancel("too late");
        Assert.Equal(PullOperationStatus.Complete, result.Status);
        Assert.Equal(queued.Id, (await company.GetCommittedDataset(DataTypeNames.TaxRates))!.DatasetId);
    }
}
