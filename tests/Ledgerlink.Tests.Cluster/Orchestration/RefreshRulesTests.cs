using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>When a refresh is queued and when it is refused, as Codat does it.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class RefreshRulesTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    [Fact]
    public async Task A_data_type_already_queued_or_fetching_is_refused_as_already_in_progress()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var first = await QueueAsync(company, DataTypeNames.Invoices);

        var whileQueued = await company.QueueRefresh(DataTypeNames.Invoices);
        Assert.Equal(RefreshRefusal.AlreadyInProgress, whileQueued.Refusal);
        Assert.Null(whileQueued.Operation);
        Assert.Contains(first.Id, whileQueued.Reason);

        await agent.StartPullAsync(first.Id);
        Assert.Equal(RefreshRefusal.AlreadyInProgress, (await company.QueueRefresh(DataTypeNames.Invoices)).Refusal);

        // Another data type is not affected, and once the first finishes its type can be queued again.
        await QueueAsync(company, DataTypeNames.Customers);
        await agent.CompleteAsync(first.Id, 0);
        var second = await QueueAsync(company, DataTypeNames.Invoices);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(3, (await company.GetHistory()).Count);
        Assert.Equal(second.Id, (await company.GetHistory())[0]);

        // Only one StartPull per queued operation ever reached the outbox, despite the refused repeats.
        var pending = (await Connector(agent.ConnectorId).GetInfo())!.PendingCommands;
        Assert.Equal(2, pending.Count);
        Assert.All(pending, c => Assert.Equal(AgentCommandKind.StartPull, c.Kind));
    }

    [Fact]
    public async Task Refreshes_are_refused_for_unknown_companies_data_types_and_missing_connections()
    {
        var missing = await Company($"company-{Guid.NewGuid():N}").QueueRefresh(DataTypeNames.Invoices);
        Assert.Equal(RefreshRefusal.CompanyNotFound, missing.Refusal);

        var withoutConnection = await CreateCompanyAsync(withConnection: false);
        Assert.Equal(RefreshRefusal.NoConnection, (await withoutConnection.QueueRefresh(DataTypeNames.Invoices)).Refusal);
        Assert.Equal(RefreshRefusal.NoConnection, Assert.Single(await withoutConnection.QueueRefreshAll()).Refusal);

        var company = await CreateCompanyAsync();
        var unknown = await company.QueueRefresh("spaceships");
        Assert.Equal(RefreshRefusal.UnknownDataType, unknown.Refusal);
        Assert.Contains("spaceships", unknown.Reason);

        var connection = (await company.Get())!.Connections[0];
        await company.SetConnectionStatus(connection.Id, ConnectionStatus.Unlinked);
        Assert.Equal(RefreshRefusal.NoConnection, (await company.QueueRefresh(DataTypeNames.Invoices)).Refusal);

        var deauthorized = await CreateCompanyAsync();
        var pending = (await deauthorized.Get())!.Connections[0];
        await deauthorized.SetConnectionStatus(pending.Id, ConnectionStatus.Deauthorized);
        Assert.Equal(RefreshRefusal.NoConnection, (await deauthorized.QueueRefresh(DataTypeNames.Invoices)).Refusal);

        var deleted = await CreateCompanyAsync();
        await deleted.DeleteConnection((await deleted.Get())!.Connections[0].Id);
        Assert.Equal(RefreshRefusal.NoConnection, (await deleted.QueueRefresh(DataTypeNames.Invoices)).Refusal);

        Assert.Empty(await company.GetHistory());
    }

    [Fact]
    public async Task Refresh_all_queues_every_data_type_not_in_progress_under_one_refresh_id()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var invoices = await QueueAsync(company, DataTypeNames.Invoices);

        var outcomes = await company.QueueRefreshAll();

        Assert.All(outcomes, o => Assert.Null(o.Refusal));
        var operations = outcomes.Select(o => o.Operation!).ToArray();
        Assert.Equal(DataTypeNames.All.Where(t => t != DataTypeNames.Invoices), operations.Select(o => o.DataType));
        Assert.All(operations, o => Assert.Equal(PullOperationStatus.Queued, o.Status));
        var refreshId = operations[0].RefreshId;
        Assert.NotNull(refreshId);
        Assert.All(operations, o => Assert.Equal(refreshId, o.RefreshId));
        Assert.Null(invoices.RefreshId);

        var statuses = await company.GetDataStatus();
        Assert.Equal(DataTypeNames.All, statuses.Select(s => s.DataType));
        Assert.All(statuses, s => Assert.Equal(PullOperationStatus.Queued, s.CurrentStatus));

        // A second refresh-all finds everything in progress and queues nothing.
        Assert.Empty(await company.QueueRefreshAll());

        // The agent has been sent one StartPull per operation.
        var session = await agent.HeartbeatAsync();
        Assert.Equal(
            operations.Select(o => o.Id).Append(invoices.Id).Order(),
            session.Commands.Select(c => c.PullOperationId!).Order());
    }
}
