using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Agents;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Grains.Security;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>Every kind of bad batch is refused with a reason, stores nothing, and leaves the dataset intact.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class BatchValidationTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    private const int MaxBatchBytes = 16 * 1024;

    protected override void Configure(LedgerlinkGrainOptions options) => options.MaxBatchBytes = MaxBatchBytes;

    [Fact]
    public async Task A_batch_sent_twice_is_stored_once()
    {
        var (company, agent, datasetId) = await FetchingAsync();
        var first = Batches.Records("invoice", 0, 3);
        var ack = await agent.SendAsync(datasetId, Batches.Of(0, first));
        Assert.Equal((true, 1L, 3L), (ack.Accepted, ack.NextSequence, ack.RecordsStored));

        var again = await agent.SendAsync(datasetId, Batches.Of(0, first));
        Assert.Equal((true, 1L, 3L, true), (again.Accepted, again.NextSequence, again.RecordsStored, again.ContinueSync));

        var second = Batches.Records("invoice", 3, 2);
        Assert.True((await agent.SendAsync(datasetId, Batches.Of(1, second))).Accepted);
        Assert.True((await agent.SendAsync(datasetId, Batches.Of(1, second))).Accepted);
        Assert.Equal(PullOperationStatus.Complete, (await agent.CompleteAsync(datasetId, 5)).Status);

        Assert.Equal(Batches.Ndjson([.. first, .. second]), await CommittedTextAsync(company));
    }

    [Fact]
    public async Task Bad_batches_are_refused_and_the_dataset_is_unharmed()
    {
        var (company, agent, datasetId) = await FetchingAsync();
        var first = Batches.Records("invoice", 0, 2);
        Assert.True((await agent.SendAsync(datasetId, Batches.Of(0, first))).Accepted);
        var second = Batches.Records("invoice", 2, 3);
        var good = Batches.Of(1, second);

        // Out of order: batch 2 before batch 1.
        await AssertRefusedAsync(agent, datasetId, Batches.Of(2, second), "out of order");

        // A hash that does not match the payload (corrupted in transit).
        var tampered = good.Payload.ToArray();
        tampered[^5] ^= 0xff;
        await AssertRefusedAsync(agent, datasetId, good with { Payload = tampered }, "SHA-256");

        // A payload whose hash is right but which is not gzip.
        await AssertRefusedAsync(agent, datasetId, Batches.WithPayload(1, 3, Encoding.UTF8.GetBytes(Batches.Ndjson(second))), "gzip");

        // A truncated gzip member.
        await AssertRefusedAsync(agent, datasetId, Batches.WithPayload(1, 3, good.Payload[..^8]), "gzip");

        // Gzip, but not the number of records the batch claims.
        await AssertRefusedAsync(agent, datasetId, good with { RecordCount = 4 }, "records");

        // The last record does not end with a newline, so it would run into the next batch's first record.
        var unterminated = Batches.Gzip(Encoding.UTF8.GetBytes(Batches.Ndjson(second).TrimEnd('\n')));
        await AssertRefusedAsync(agent, datasetId, Batches.WithPayload(1, 3, unterminated), "newline");

        // Larger than the configured maximum (random bytes do not compress).
        var huge = Batches.Gzip(RandomNumberGenerator.GetBytes(MaxBatchBytes * 2));
        await AssertRefusedAsync(agent, datasetId, Batches.WithPayload(1, 1, huge), "larger than");

        // Batch 0 again, but with different content.
        await AssertRefusedAsync(agent, datasetId, Batches.Of(0, Batches.Records("invoice", 100, 2)), "different content");

        // After all that, the right batch is still the one expected, and the dataset holds exactly the good batches.
        var ack = await agent.SendAsync(datasetId, good);
        Assert.Equal((true, 2L, 5L), (ack.Accepted, ack.NextSequence, ack.RecordsStored));
        Assert.Equal(PullOperationStatus.Complete, (await agent.CompleteAsync(datasetId, 5)).Status);
        Assert.Equal(Batches.Ndjson([.. first, .. second]), await CommittedTextAsync(company));
    }

    [Fact]
    public async Task A_batch_from_a_connector_that_did_not_start_the_operation_is_refused()
    {
        var (company, agent, datasetId) = await FetchingAsync();
        var batch = Batches.Of(0, Batches.Records("invoice", 0, 2));

        // Through the gateway: the other connector does not serve the company, so the call is denied outright.
        var stranger = await RegisterAgentAsync();
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => stranger.Gateway.AppendBatch(stranger.ForgedLease(datasetId), batch));

        // Inside the cluster the operation itself also checks who started it, even under a lease the cluster signed.
        var strangersLease = Cluster.SiloServices.GetRequiredService<PullLeases>().Issue(datasetId, stranger.ConnectorId);
        var ack = await Operation(datasetId).AppendBatch(strangersLease, batch);
        Assert.False(ack.Accepted);
        Assert.Contains("another connector", ack.Reason);
        Assert.Equal((0L, 0L), (ack.NextSequence, ack.RecordsStored));

        Assert.True((await agent.SendAsync(datasetId, batch)).Accepted);
        Assert.Equal(PullOperationStatus.Complete, (await agent.CompleteAsync(datasetId, 2)).Status);
        Assert.Equal(Batches.Ndjson(Batches.Records("invoice", 0, 2)), await CommittedTextAsync(company));
    }

    [Fact]
    public async Task A_batch_for_an_operation_that_was_not_started_is_refused()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.Invoices);

        // Only StartPull hands out leases, so this one comes from inside the cluster: even a genuine lease moves nothing.
        var operation = await KnownOperation(company, queued.Id);
        var lease = Cluster.SiloServices.GetRequiredService<PullLeases>().Issue(queued.Id, agent.ConnectorId);
        var ack = await agent.Gateway.AppendBatch(lease, Batches.Of(0, Batches.Records("invoice", 0, 1)));
        Assert.False(ack.Accepted);
        Assert.Contains("StartPull", ack.Reason);
        Assert.True(ack.ContinueSync);
        Assert.Equal(PullOperationStatus.Queued, (await operation.Get())!.Status);
    }

    private async Task<(Ledgerlink.Companies.ICompanyGrain Company, ScriptedAgent Agent, string PullOperationId)> FetchingAsync()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.Invoices);
        Assert.True((await agent.StartPullAsync(queued.Id)).ContinueSync);
        return (company, agent, queued.Id);
    }

    private async Task AssertRefusedAsync(ScriptedAgent agent, string datasetId, DatasetBatch batch, string reason)
    {
        var before = (await Operation(datasetId).Get())!;
        var ack = await agent.SendAsync(datasetId, batch);
        Assert.False(ack.Accepted, $"expected a refusal mentioning '{reason}'");
        Assert.Contains(reason, ack.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.True(ack.ContinueSync);
        Assert.Equal(1L, ack.NextSequence);
        Assert.Equal(before.RecordCount, ack.RecordsStored);
        Assert.Equal(before.RecordCount, (await Operation(datasetId).Get())!.RecordCount);
    }

    private async Task<string> CommittedTextAsync(Ledgerlink.Companies.ICompanyGrain company)
    {
        var dataset = await company.GetCommittedDataset(DataTypeNames.Invoices);
        Assert.NotNull(dataset);
        var download = await Cluster.DatasetContainer.GetBlobClient(dataset.BlobName).DownloadStreamingAsync();
        return await Batches.DecompressAsync(download.Value.Content);
    }
}
