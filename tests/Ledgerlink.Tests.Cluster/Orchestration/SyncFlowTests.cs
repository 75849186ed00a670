using System.Diagnostics;
using System.Security.Cryptography;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>Flows 1 and 2: a sync requested while the agent is away reaches it on hello, runs, and commits.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SyncFlowTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_refresh_queued_while_the_agent_is_offline_reaches_it_on_hello_and_commits_the_batches()
    {
        var company = await CreateCompanyAsync();
        var companyId = company.GetPrimaryKeyString();

        // The agent links the licence key, then is away (it has not said hello, so its connector is offline).
        var agent = await RegisterAgentAsync();
        var link = await agent.LinkAsync(companyId, await LinkCodeAsync(company));
        Assert.True(link.Linked, link.Reason);
        Assert.Equal("Stationery & Co", link.CompanyName);
        Assert.False(await Connector(agent.ConnectorId).IsOnline());

        var queued = await QueueAsync(company, DataTypeNames.Invoices);
        Assert.Equal(PullOperationStatus.Queued, queued.Status);
        Assert.Equal(companyId, queued.CompanyId);
        Assert.Equal(link.ConnectionId, queued.ConnectionId);
        var status = Assert.Single(await company.GetDataStatus());
        Assert.Equal((DataTypeNames.Invoices, PullOperationStatus.Queued, queued.Id), (status.DataType, status.CurrentStatus, status.LatestPullOperationId));
        Assert.Null(status.LatestSuccessfulPullOperationId);

        // Morning boot: the hello answers with the StartPull, well within a second.
        var clock = Stopwatch.StartNew();
        var session = await agent.HelloAsync();
        clock.Stop();
        var command = Assert.Single(session.Commands);
        Assert.True(clock.Elapsed < OneSecond, $"hello took {clock.Elapsed}");
        Assert.Equal((AgentCommandKind.StartPull, queued.Id, companyId, DataTypeNames.Invoices),
            (command.Kind, command.PullOperationId, command.CompanyId, command.DataType));
        Assert.Contains(companyId, session.CompanyIds);
        Assert.True(await Connector(agent.ConnectorId).IsOnline());

        var start = await agent.StartPullAsync(queued.Id);
        Assert.Equal((0L, 0L, true), (start.NextSequence, start.RecordsStored, start.ContinueSync));
        Assert.Equal(PullOperationStatus.Fetching, (await company.GetDataStatus())[0].CurrentStatus);

        IReadOnlyList<string>[] batches =
            [Batches.Records("invoice", 0, 3), Batches.Records("invoice", 3, 5), Batches.Records("invoice", 8, 1)];
        for (var i = 0; i < batches.Length; i++)
        {
            var ack = await agent.SendAsync(queued.Id, Batches.Of(i, batches[i]));
            Assert.True(ack.Accepted, ack.Reason);
            Assert.Equal(i + 1, ack.NextSequence);
            Assert.True(ack.ContinueSync);
        }

        await agent.ReportProgressAsync(queued.Id, 90);
        Assert.Equal(90, (await Operation(queued.Id).Get())!.Progress);

        Assert.True((await agent.CompleteAsync(queued.Id, 9)).IsCompleted);
        var completed = (await Operation(queued.Id).Get())!;
        Assert.Equal(100, completed.Progress);
        Assert.Equal(PullOperationStatus.Complete, completed.Status);
        Assert.True(completed.IsCompleted);
        Assert.Equal(9, completed.RecordCount);
        Assert.NotNull(completed.Completed);

        // Data status, history and the committed pointer all name the new dataset.
        status = Assert.Single(await company.GetDataStatus());
        Assert.Equal(PullOperationStatus.Complete, status.CurrentStatus);
        Assert.Equal(queued.Id, status.LatestPullOperationId);
        Assert.Equal(queued.Id, status.LatestSuccessfulPullOperationId);
        Assert.Equal(completed.Completed, status.LastSuccessfulSync);
        Assert.Equal([queued.Id], await company.GetHistory());
        var info = await company.Get();
        Assert.Equal(completed.Completed, info!.LastSync);
        Assert.Equal(completed.Completed, Assert.Single(info.Connections).LastSync);

        var dataset = await company.GetCommittedDataset(DataTypeNames.Invoices);
        Assert.NotNull(dataset);
        Assert.Equal((queued.Id, 9L, 3), (dataset.DatasetId, dataset.RecordCount, dataset.Blocks.Count));
        Assert.Equal(
            $"{Cluster.Storage.ServiceId}/datasets/{companyId}/invoices/{queued.Id}.ndjson.gz", dataset.BlobName);

        // The committed blob, decompressed, is exactly the batches one after another.
        var blob = Cluster.DatasetContainer.GetBlobClient(dataset.BlobName);
        var download = await blob.DownloadStreamingAsync();
        Assert.Equal(Batches.Ndjson(batches.SelectMany(b => b)), await Batches.DecompressAsync(download.Value.Content));

        // A reader can fetch one block on its own.
        await using var middle = await Cluster.DatasetStore.OpenRecordsAsync(dataset, 1, 1, CancellationToken.None);
        using var reader = new StreamReader(middle);
        Assert.Equal(Batches.Ndjson(batches[1]), await reader.ReadToEndAsync());

        // The finished work has left the connector's outbox.
        Assert.Empty((await Connector(agent.ConnectorId).GetInfo())!.PendingCommands);
    }

    [Fact]
    public async Task A_refresh_queued_while_the_agent_is_online_rings_its_doorbell_within_a_second()
    {
        var (company, agent) = await LinkedCompanyAsync();
        Assert.Equal(0, agent.PendingRings);

        var clock = Stopwatch.StartNew();
        var queued = await QueueAsync(company, DataTypeNames.Customers);
        Assert.True(await agent.WaitForDoorbellAsync(OneSecond), "the doorbell did not ring within a second");
        var session = await agent.HeartbeatAsync();
        clock.Stop();

        var command = Assert.Single(session.Commands);
        Assert.Equal((AgentCommandKind.StartPull, queued.Id), (command.Kind, command.PullOperationId));
        Assert.True(clock.Elapsed < OneSecond, $"queue to command took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_refresh_queued_before_the_agent_links_is_sent_when_it_links()
    {
        var company = await CreateCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.TaxRates);

        var agent = await RegisterAgentAsync();
        var before = await agent.HelloAsync();
        Assert.Empty(before.Commands);

        Assert.True((await agent.LinkAsync(company.GetPrimaryKeyString(), await LinkCodeAsync(company))).Linked);
        Assert.True(await agent.WaitForDoorbellAsync(OneSecond), "linking did not ring the doorbell");
        var session = await agent.HeartbeatAsync();
        Assert.Equal(queued.Id, Assert.Single(session.Commands).PullOperationId);
    }

    [Fact]
    public async Task A_dropped_agent_resumes_after_the_last_acknowledged_batch()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.Suppliers);
        await agent.StartPullAsync(queued.Id);
        var first = Batches.Records("supplier", 0, 2);
        var second = Batches.Records("supplier", 2, 2);
        Assert.True((await agent.SendAsync(queued.Id, Batches.Of(0, first))).Accepted);
        Assert.True((await agent.SendAsync(queued.Id, Batches.Of(1, second))).Accepted);

        // Reconnected: the StartPull is still in the outbox and Start says where to carry on.
        var session = await agent.HelloAsync();
        Assert.Equal(queued.Id, Assert.Single(session.Commands).PullOperationId);
        var resume = await agent.StartPullAsync(queued.Id);
        Assert.Equal((2L, 4L, true), (resume.NextSequence, resume.RecordsStored, resume.ContinueSync));

        var third = Batches.Records("supplier", 4, 1);
        Assert.True((await agent.SendAsync(queued.Id, Batches.Of(2, third))).Accepted);
        Assert.Equal(PullOperationStatus.Complete, (await agent.CompleteAsync(queued.Id, 5)).Status);

        var dataset = await company.GetCommittedDataset(DataTypeNames.Suppliers);
        await using var records = await Cluster.DatasetStore.OpenRecordsAsync(dataset!, 0, 3, CancellationToken.None);
        using var reader = new StreamReader(records);
        Assert.Equal(Batches.Ndjson([.. first, .. second, .. third]), await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task A_failed_pull_is_reported_and_leaves_the_previous_dataset_in_place()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var first = await QueueAsync(company, DataTypeNames.BankAccounts);
        await RunPullAsync(agent, first.Id, Batches.Records("bank", 0, 2));

        var second = await QueueAsync(company, DataTypeNames.BankAccounts);
        await agent.StartPullAsync(second.Id);
        Assert.Equal(PullOperationStatus.FetchError, (await agent.FailAsync(second.Id, "Sage 50 data directory is locked")).Status);
        var failed = (await Operation(second.Id).Get())!;
        Assert.Equal((PullOperationStatus.FetchError, "Sage 50 data directory is locked"), (failed.Status, failed.ErrorMessage));
        Assert.True(failed.IsErrored);

        var status = Assert.Single(await company.GetDataStatus());
        Assert.Equal((PullOperationStatus.FetchError, second.Id, first.Id),
            (status.CurrentStatus, status.LatestPullOperationId, status.LatestSuccessfulPullOperationId));
        Assert.Equal(first.Id, (await company.GetCommittedDataset(DataTypeNames.BankAccounts))!.DatasetId);
        Assert.Equal([second.Id, first.Id], await company.GetHistory());
        Assert.Empty((await Connector(agent.ConnectorId).GetInfo())!.PendingCommands);
    }

    [Fact]
    public async Task Completion_with_a_record_count_that_differs_from_what_was_stored_is_refused()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.Payments);
        await agent.StartPullAsync(queued.Id);
        Assert.True((await agent.SendAsync(queued.Id, Batches.Of(0, Batches.Records("payment", 0, 4)))).Accepted);

        var refused = await agent.CompleteAsync(queued.Id, 5);
        Assert.Equal(PullOperationStatus.Fetching, refused.Status);
        Assert.Contains("5", refused.StatusDescription);
        Assert.Null(await company.GetCommittedDataset(DataTypeNames.Payments));
        Assert.False(await Cluster.DatasetContainer.GetBlobClient(
            Cluster.DatasetStore.BlobNameFor(company.GetPrimaryKeyString(), DataTypeNames.Payments, queued.Id)).ExistsAsync());

        Assert.Equal(PullOperationStatus.Complete, (await agent.CompleteAsync(queued.Id, 4)).Status);
        Assert.Equal(queued.Id, (await company.GetCommittedDataset(DataTypeNames.Payments))!.DatasetId);
    }

    [Fact]
    public async Task Batches_up_to_the_default_size_limit_are_accepted_and_larger_ones_refused()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.JournalEntries);
        await agent.StartPullAsync(queued.Id);

        // Random bytes written as base64 compress back to about the bytes they encode (six bits a character, which
        // gzip's Huffman coding recovers), so these payloads are about count × bytesEach long.
        var nearLimit = IncompressibleRecords(count: 4, bytesEach: 1_000_000);
        var accepted = Batches.Of(0, nearLimit);
        Assert.InRange(accepted.Payload.Length, 3_900_000, LedgerlinkGrainOptions.DefaultMaxBatchBytes);
        Assert.True((await agent.SendAsync(queued.Id, accepted)).Accepted);

        var overLimit = Batches.Of(1, IncompressibleRecords(count: 5, bytesEach: 1024 * 1024));
        Assert.True(overLimit.Payload.Length > LedgerlinkGrainOptions.DefaultMaxBatchBytes);
        var refused = await agent.SendAsync(queued.Id, overLimit);
        Assert.False(refused.Accepted);
        Assert.Equal(1, refused.NextSequence);

        Assert.Equal(PullOperationStatus.Complete, (await agent.CompleteAsync(queued.Id, 4)).Status);
        var dataset = await company.GetCommittedDataset(DataTypeNames.JournalEntries);
        var download = await Cluster.DatasetContainer.GetBlobClient(dataset!.BlobName).DownloadStreamingAsync();
        Assert.Equal(Batches.Ndjson(nearLimit), await Batches.DecompressAsync(download.Value.Content));
    }

    private static IReadOnlyList<string> IncompressibleRecords(int count, int bytesEach) =>
        Enumerable.Range(0, count)
            .Select(i => $$"""{"id":{{i}},"blob":"{{Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytesEach))}}"}""")
            .ToArray();
}
