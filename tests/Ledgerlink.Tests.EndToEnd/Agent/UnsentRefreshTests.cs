using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Agent;

/// <summary>
/// A refresh is written by the company before its StartPull reaches the connector's outbox (one-way). A silo lost between
/// the two leaves the refresh Queued with no timer and no outbox entry. The connector, hearing its agent again, asks the
/// company to send its queued StartPulls, so the refresh runs without anyone touching the company.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UnsentRefreshTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_refresh_whose_StartPull_was_lost_with_its_silo_runs_once_the_agent_is_heard_again()
    {
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString);
        var companyId = await bed.CreateCompanyAsync("Lost Send Joinery Ltd");
        var sage = DemoCompanyGenerator.LocationOf(DemoCompanyGenerator.Generate(bed.NewFolder("sage"), new DemoCompanyOptions(300, Seed: 4)));
        var agent = bed.Agent();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), sage.DataDirectory, sage.UserName, sage.Password);
        Assert.True(link.ExitCode == 0, link.StandardError + link.StandardOutput);

        // The agent is not running: the refresh is recorded, and its StartPull goes to the connector's outbox.
        var datasetId = (await bed.QueueAsync(companyId, DataTypeNames.Customers))["id"]!.GetValue<string>();
        await bed.KillSiloAsync();

        // What a silo lost between the company's write and its send leaves behind: the refresh, and no StartPull.
        var container = new BlobContainerClient(bed.Silo.StorageConnectionString, bed.Silo.Settings["Ledgerlink:Storage:GrainStateContainer"]);
        var emptied = 0;
        await foreach (var item in container.GetBlobsAsync())
        {
            if (!item.Name.Contains("connector", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var blob = container.GetBlobClient(item.Name);
            var json = JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString())!;
            emptied += EmptyOutboxes(json);
            await blob.UploadAsync(BinaryData.FromString(json.ToJsonString()), overwrite: true);
        }

        // The StartPull reaches the connector one-way after the company's write, so the kill may have come before its
        // outbox write (nothing to empty) or after it (one outbox emptied); either way nothing holds it now.
        Assert.True(emptied is 0 or 1, $"expected at most one connector outbox holding the StartPull, emptied {emptied}");

        await bed.StartSiloAgainAsync();
        await using var running = agent.Run();
        var done = await bed.WaitForOperationAsync(companyId, datasetId, InterruptedSync.IsFinished, "the refresh to run", running);
        Assert.True(done["status"]!.GetValue<string>() == "Complete", done.ToJsonString());
        Assert.True(InterruptedSync.RecordCount(done) > 0);
    }

    /// <summary>Empties every non-empty <c>outbox</c> array in a connector's state; returns how many it emptied.</summary>
    private static int EmptyOutboxes(JsonNode node)
    {
        var emptied = 0;
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToArray())
            {
                if (string.Equals(name, "outbox", StringComparison.OrdinalIgnoreCase) && value is JsonArray { Count: > 0 } outbox)
                {
                    outbox.Clear();
                    emptied++;
                }
                else if (value is not null)
                {
                    emptied += EmptyOutboxes(value);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array.Where(i => i is not null))
            {
                emptied += EmptyOutboxes(item!);
            }
        }

        return emptied;
    }
}
