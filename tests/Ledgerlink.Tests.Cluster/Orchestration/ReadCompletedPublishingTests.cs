using System.Text.Json;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Companies;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>A company publishes Codat's read.completed once every data type of a refresh has finished.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReadCompletedPublishingTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    private readonly RecordingEventPublisher _events = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ICompanyEventPublisher>(_events);

    [Fact]
    public async Task A_single_data_type_refresh_publishes_one_event_when_it_completes()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.Invoices);
        await agent.StartPullAsync(queued.Id);
        Assert.Empty(_events.Published);

        await RunPullAsync(agent, queued.Id, Batches.Records("invoice", 0, 2));

        var (tenantId, published) = Assert.Single(_events.Published);
        Assert.Equal(TenantId, tenantId);
        Assert.Equal((ReadCompletedWebhook.EventType, company.GetPrimaryKeyString()), (published.EventType, published.CompanyId));
        using var json = JsonDocument.Parse(published.PayloadJson);
        var payload = json.RootElement.GetProperty("payload");
        Assert.Equal("Stationery & Co", payload.GetProperty("referenceCompany").GetProperty("name").GetString());
        var read = Assert.Single(payload.GetProperty("dataTypes").EnumerateArray());
        Assert.Equal((queued.ConnectionId, "invoices", true, "Complete"),
            (read.GetProperty("connectionId").GetString(), read.GetProperty("dataType").GetString(),
                read.GetProperty("recordsModified").GetBoolean(), read.GetProperty("status").GetString()));
        Assert.Equal(published.Id, json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_refresh_of_all_data_types_publishes_once_after_the_last_one_finishes()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var operations = (await company.QueueRefreshAll()).Select(o => o.Operation!).ToArray();
        Assert.Equal(DataTypeNames.All.Count, operations.Length);

        foreach (var operation in operations.SkipLast(1))
        {
            await RunPullAsync(agent, operation.Id, Batches.Records(operation.DataType, 0, 1));
            Assert.Empty(_events.Published);
        }

        var last = operations[^1];
        await agent.StartPullAsync(last.Id);
        await agent.FailAsync(last.Id, "The Sage 50 table could not be read");

        var (_, published) = Assert.Single(_events.Published);
        using var json = JsonDocument.Parse(published.PayloadJson);
        var reads = json.RootElement.GetProperty("payload").GetProperty("dataTypes").EnumerateArray().ToArray();
        Assert.Equal(DataTypeNames.All.Order(), reads.Select(r => r.GetProperty("dataType").GetString()!).Order());
        Assert.Equal("FetchError", reads.Single(r => r.GetProperty("dataType").GetString() == last.DataType).GetProperty("status").GetString());
        Assert.Equal(DataTypeNames.All.Count - 1, reads.Count(r => r.GetProperty("status").GetString() == "Complete"));

        // Repeated notices of the finished operations publish nothing more.
        await agent.FailAsync(last.Id, "again");
        await agent.CompleteAsync(operations[0].Id, 1);
        Assert.Single(_events.Published);
    }

    [Fact]
    public async Task A_failing_publisher_does_not_break_the_company()
    {
        var (company, agent) = await LinkedCompanyAsync();
        _events.FailNext(1);
        var first = await QueueAsync(company, DataTypeNames.Customers);

        var completed = await RunPullAsync(agent, first.Id, Batches.Records("customer", 0, 1));

        Assert.Equal(PullOperationStatus.Complete, completed.Status);
        Assert.Equal(PullOperationStatus.Complete, Assert.Single(await company.GetDataStatus()).CurrentStatus);
        Assert.Equal(first.Id, (await company.GetCommittedDataset(DataTypeNames.Customers))!.DatasetId);
        Assert.Empty(_events.Published);

        var second = await QueueAsync(company, DataTypeNames.Customers);
        await RunPullAsync(agent, second.Id, Batches.Records("customer", 0, 1));
        Assert.Single(_events.Published);
    }
}
