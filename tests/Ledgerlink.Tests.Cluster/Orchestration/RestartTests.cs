using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>Requests and registrations are durable: a whole-cluster restart over the same storage loses nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_refresh_queued_before_a_cluster_restart_is_delivered_and_completed_after_it()
    {
        var storage = OrchestrationStorage.New();
        var companyId = $"company-{Guid.NewGuid():N}";
        Ledgerlink.Agents.AgentCredential credential;
        PullOperationInfo queued;

        await using (var before = await OrchestrationCluster.StartAsync(azurite, storage))
        {
            var company = before.Grains.GetGrain<ICompanyGrain>(companyId);
            await company.Create("tenant-restart", new CompanyProfile(
                "Restart Ltd", "Survives restarts", "owner@restart.example", new Dictionary<string, string> { ["tier"] = "gold" }, false));
            var connection = await company.CreateConnection("hbql");
            var linkCode = (await before.Grains.GetGrain<ICompanyGrain>(companyId).IssueLinkCode(connection!.Id))!.Code;
            await using var agent = await ScriptedAgent.RegisterAsync(before.Client);
            credential = agent.Credential;
            Assert.True((await agent.LinkAsync(companyId, linkCode)).Linked);

            // The agent is away (it never said hello in this cluster); the request is only recorded.
            queued = (await company.QueueRefresh(DataTypeNames.JournalEntries)).Operation!;
            Assert.Equal(PullOperationStatus.Queued, queued.Status);
        }

        await using var after = await OrchestrationCluster.StartAsync(azurite, storage);
        var restarted = after.Grains.GetGrain<ICompanyGrain>(companyId);
        var profile = (await restarted.Get())!.Profile;
        Assert.Equal(("Restart Ltd", "Survives restarts", "owner@restart.example", "gold"),
            (profile.Name, profile.Description, profile.OwnerEmail, profile.Tags["tier"]));
        Assert.Equal([queued.Id], await restarted.GetHistory());
        var status = Assert.Single(await restarted.GetDataStatus());
        Assert.Equal((PullOperationStatus.Queued, queued.Id), (status.CurrentStatus, status.LatestPullOperationId));

        // The same agent, with the credential it kept, says hello to the new cluster and gets its work.
        await using var returning = ScriptedAgent.With(after.Client, credential);
        var session = await returning.HelloAsync();
        var command = Assert.Single(session.Commands);
        Assert.Equal((AgentCommandKind.StartPull, queued.Id), (command.Kind, command.PullOperationId));
        Assert.Contains(companyId, session.CompanyIds);

        var records = Batches.Records("journal", 0, 2);
        Assert.True((await returning.StartPullAsync(queued.Id)).ContinueSync);
        Assert.True((await returning.SendAsync(queued.Id, Batches.Of(0, records))).Accepted);
        Assert.Equal(PullOperationStatus.Complete, (await returning.CompleteAsync(queued.Id, 2)).Status);
        Assert.Equal(queued.Id, (await restarted.GetCommittedDataset(DataTypeNames.JournalEntries))!.DatasetId);
    }

    [Fact]
    public async Task A_pull_interrupted_by_a_cluster_restart_resumes_after_its_last_stored_batch()
    {
        var storage = OrchestrationStorage.New();
        var companyId = $"company-{Guid.NewGuid():N}";
        Ledgerlink.Agents.AgentCredential credential;
        string datasetId;
        var first = Batches.Records("bank", 0, 3).ToArray();

        await using (var before = await OrchestrationCluster.StartAsync(azurite, storage))
        {
            var company = before.Grains.GetGrain<ICompanyGrain>(companyId);
            await company.Create("tenant-restart", new CompanyProfile("Resume Ltd", null, null, new Dictionary<string, string>(), false));
            var connection = await company.CreateConnection("hbql");
            var linkCode = (await before.Grains.GetGrain<ICompanyGrain>(companyId).IssueLinkCode(connection!.Id))!.Code;
            await using var agent = await ScriptedAgent.RegisterAsync(before.Client);
            credential = agent.Credential;
            Assert.True((await agent.LinkAsync(companyId, linkCode)).Linked);
            datasetId = (await company.QueueRefresh(DataTypeNames.BankTransactions)).Operation!.Id;
            await agent.StartPullAsync(datasetId);

            // The resume point is written after the first batch, then every few: the two after it are written as the
            // pull operation's activation ends with the silo.
            Assert.True((await agent.SendAsync(datasetId, Batches.Of(0, first[..1]))).Accepted);
            Assert.True((await agent.SendAsync(datasetId, Batches.Of(1, first[1..2]))).Accepted);
            Assert.True((await agent.SendAsync(datasetId, Batches.Of(2, first[2..]))).Accepted);
        }

        await using var after = await OrchestrationCluster.StartAsync(azurite, storage);
        await using var returning = ScriptedAgent.With(after.Client, credential);
        await returning.HelloAsync();
        var resume = await returning.StartPullAsync(datasetId);
        Assert.Equal((3L, 3L, true), (resume.NextSequence, resume.RecordsStored, resume.ContinueSync));

        var second = Batches.Records("bank", 3, 2);
        Assert.True((await returning.SendAsync(datasetId, Batches.Of(3, second))).Accepted);
        Assert.Equal(PullOperationStatus.Complete, (await returning.CompleteAsync(datasetId, 5)).Status);

        var dataset = await after.Grains.GetGrain<ICompanyGrain>(companyId).GetCommittedDataset(DataTypeNames.BankTransactions);
        var download = await after.DatasetContainer.GetBlobClient(dataset!.BlobName).DownloadStreamingAsync();
        Assert.Equal(Batches.Ndjson([.. first, .. second]), await Batches.DecompressAsync(download.Value.Content));

        // This activation saw only the last batch, so the commit indexed the stored blocks: every record is found by id.
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(await after.DatasetStore.ReadRecordAsync(dataset, $"bank-{i}", CancellationToken.None));
        }
    }
}
