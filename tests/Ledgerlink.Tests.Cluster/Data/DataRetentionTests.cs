using Azure.Storage.Blobs;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Data;

/// <summary>Retired data generations are deleted after the retention period; the one a restore needs never is.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class DataRetentionTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> ShortRetention = new()
    {
        ["Ledgerlink:Grains:DataGenerations:RetiredRetention"] = "00:00:01",
    };

    [Fact]
    public async Task Retired_generations_are_deleted_after_retention_but_never_the_restorable_one()
    {
        await using var scenario = await DataScenario.StartAsync(azurite, ShortRetention);
        var g0 = (await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 10, "g0")))["invoices"];
        await scenario.ResetConfirmedAsync();
        var g1 = (await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 11, "g1")))["invoices"];
        var g1Data = await scenario.DataChecksumAsync();

        // Generation 0 is the restore point, not retired.
        var generations = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/generations");
        Assert.Equal(0, generations["retiredGenerationsAwaitingDeletion"]!.GetValue<int>());
        Assert.True(await ExistsAsync(scenario, g0));

        // A second reset makes generation 1 the restore point, and generation 0 is retired, then deleted.
        await scenario.ResetConfirmedAsync();
        await Eventually.ValueAsync(() => ExistsAsync(scenario, g0), exists => !exists, DataScenario.Patience, "generation 0's blob to be deleted");
        // The sweep that deleted generation 0 left generation 1, the restore point now, alone.
        Assert.True(await ExistsAsync(scenario, g1));
        var audit = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/audit?query=action%3DGenerationDeleted");
        Assert.Equal(0, audit["results"]![0]!["fromGeneration"]!.GetValue<long>());
        Assert.Equal("retention", audit["results"]![0]!["actor"]!.GetValue<string>());

        var g2 = (await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 12, "g2")))["invoices"];
        await scenario.RestoreConfirmedAsync();
        Assert.Equal(g1Data, await scenario.DataChecksumAsync());

        // Generation 2, left by the restore, goes the same way; generation 1, now current, stays.
        await Eventually.ValueAsync(() => ExistsAsync(scenario, g2), exists => !exists, DataScenario.Patience, "generation 2's blob to be deleted");
        Assert.True(await ExistsAsync(scenario, g1));
        Assert.Equal(g1Data, await scenario.DataChecksumAsync());
        var after = await Eventually.ValueAsync(
            () => scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/generations"),
            g => g["retiredGenerationsAwaitingDeletion"]!.GetValue<int>() == 0, DataScenario.Patience, "no retired generation left");
        Assert.Equal(1, after["currentGeneration"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_retired_generation_is_deleted_after_a_silo_restart_with_nobody_touching_the_company()
    {
        // Long enough for the two resets and the silo stop to happen before it ends, even on a busy machine.
        var retention = TimeSpan.FromSeconds(20);
        await using var scenario = await DataScenario.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Ledgerlink:Grains:DataGenerations:RetiredRetention"] = retention.ToString(),
            ["Ledgerlink:Reminders:MinimumPeriod"] = "00:00:01",
        });
        var g0 = (await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 10, "g0")))["invoices"];
        await scenario.ResetConfirmedAsync();
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 11, "g1"));
        var retired = DateTimeOffset.UtcNow;
        await scenario.ResetConfirmedAsync();

        // The silo goes, and with it the company's activation; the agent goes too, so nothing calls the company again.
        await scenario.Agent.DisposeAsync();
        await scenario.Silo.DisposeAsync();
        Assert.True(await ExistsAsync(scenario, g0), "generation 0 was deleted before the silo stopped: the test proves nothing");
        Assert.True(DateTimeOffset.UtcNow - retired < retention, "the silo stopped after the retention ended: the test proves nothing");

        // A new silo on the same storage: only the durable reminder can bring the company back to delete generation 0.
        await using var restarted = await RunningSilo.StartAsync(new Dictionary<string, string?>(scenario.Silo.Settings));
        await Eventually.ValueAsync(
            () => ExistsAsync(scenario, g0), exists => !exists, retention + TimeSpan.FromSeconds(60), "generation 0's blob to be deleted after the restart");
        Assert.True(DateTimeOffset.UtcNow - retired >= retention, "deleted before its retention period ended");

        using var http = restarted.CreateHttpClient(TestApiKeys.IntegratorA);
        var audit = await http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/audit?query=action%3DGenerationDeleted");
        Assert.Equal(0, audit["results"]![0]!["fromGeneration"]!.GetValue<long>());
        Assert.Equal("retention", audit["results"]![0]!["actor"]!.GetValue<string>());
    }

    private async Task<bool> ExistsAsync(DataScenario scenario, string datasetId)
    {
        var container = new BlobContainerClient(azurite.ConnectionString, scenario.Silo.Settings["Ledgerlink:Storage:DatasetContainer"]);
        var name = DatasetBlobName.For(scenario.Silo.ServiceId, scenario.CompanyId, "invoices", datasetId);
        return (await container.GetBlobClient(name).ExistsAsync()).Value;
    }
}
