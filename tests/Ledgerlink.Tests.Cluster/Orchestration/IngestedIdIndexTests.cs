using System.Text;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>
/// A commit indexes the records the batch checks decompressed on the way in (<see cref="IngestedIdIndex"/>) instead
/// of downloading and decompressing the whole dataset again; the index is the one the read-back would have built.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class IngestedIdIndexTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    [Fact]
    public async Task A_commit_indexes_the_batches_it_checked_without_reading_the_dataset_back()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.Invoices);
        IReadOnlyList<string>[] batches =
            [Batches.Records("invoice", 0, 40), Batches.Records("invoice", 40, 25), Batches.Records("invoice", 65, 1)];
        var readsBefore = Cluster.DatasetStore.ReadsIssued;

        Assert.Equal(PullOperationStatus.Complete, (await RunPullAsync(agent, queued.Id, batches)).Status);

        Assert.Equal(readsBefore, Cluster.DatasetStore.ReadsIssued);
        var dataset = (await company.GetCommittedDataset(DataTypeNames.Invoices))!;
        foreach (var record in batches.SelectMany(b => b))
        {
            var id = record[7..record.IndexOf('"', 7)];
            var found = await Cluster.DatasetStore.ReadRecordAsync(dataset, id, CancellationToken.None);
            Assert.Equal(record, found is null ? null : Encoding.UTF8.GetString(found));
        }

        Assert.Null(await Cluster.DatasetStore.ReadRecordAsync(dataset, "invoice-66", CancellationToken.None));

        // Committing again without the ingested index builds it from the stored blocks: byte for byte the same.
        var index = Cluster.DatasetContainer.GetBlobClient(DatasetIdIndex.BlobNameFor(dataset.BlobName));
        var ingested = (await index.DownloadContentAsync()).Value.Content.ToArray();
        await Cluster.DatasetStore.CommitBlocksAsync(dataset.BlobName, dataset.Blocks.Count, index: null, CancellationToken.None);
        Assert.True(Cluster.DatasetStore.ReadsIssued > readsBefore);
        Assert.Equal(ingested, (await index.DownloadContentAsync()).Value.Content.ToArray());
    }
}
