using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Connectors;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>
/// Commands ride on the doorbell to agents whose hello declares <see cref="AgentCapabilities.PushedCommands"/>: one
/// message from the connector to the agent, no fetching heartbeat. Older agents are rung and fetch, and the outbox
/// rules (paused companies held back, repeats run once) hold however a command arrives. These scripted agents never
/// fetch on their own: every heartbeat here is the test's.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class PushedCommandsTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task An_agent_taking_pushed_commands_gets_its_StartPull_without_fetching()
    {
        var (company, agent) = await LinkedCompanyAsync(takesPushedCommands: true);

        var queued = await QueueAsync(company, DataTypeNames.Customers);

        var command = await agent.NextCommandAsync(OneSecond);
        Assert.Equal((AgentCommandKind.StartPull, queued.Id, DataTypeNames.Customers), (command.Kind, command.PullOperationId, command.DataType));
        Assert.Equal((1, 0), (agent.Pushes, agent.PendingRings));

        // The pushed StartPull is the outbox's: it stays there until the pull is finished, and runs as a fetched one.
        Assert.Contains((await Connector(agent.ConnectorId).GetInfo())!.PendingCommands, c => c.CommandId == command.CommandId);
        Assert.Equal(PullOperationStatus.Complete, (await RunPullAsync(agent, queued.Id, Batches.Records("customer", 0, 2))).Status);
        Assert.Empty((await Connector(agent.ConnectorId).GetInfo())!.PendingCommands);
    }

    [Fact]
    public async Task An_agent_that_does_not_declare_pushed_commands_is_rung_and_fetches_its_StartPull()
    {
        var (company, agent) = await LinkedCompanyAsync(takesPushedCommands: false);

        var queued = await QueueAsync(company, DataTypeNames.Customers);

        Assert.True(await agent.WaitForDoorbellAsync(OneSecond), "the doorbell did not ring");
        Assert.Equal((0, 0), (agent.Pushes, agent.CommandsWaiting));
        var fetched = await agent.HeartbeatAsync();
        Assert.Equal(queued.Id, Assert.Single(fetched.Commands).PullOperationId);
        Assert.Equal(queued.Id, (await agent.NextCommandAsync(OneSecond)).PullOperationId);
    }

    [Fact]
    public async Task A_StartPull_both_pushed_and_fetched_is_taken_once()
    {
        var (company, agent) = await LinkedCompanyAsync(takesPushedCommands: true);
        var queued = await QueueAsync(company, DataTypeNames.Customers);
        Assert.True(await agent.WaitForPushAsync(OneSecond), "the StartPull was not pushed");
        Assert.Equal(queued.Id, (await agent.NextCommandAsync(OneSecond)).PullOperationId);

        // The outbox still holds it, so every fetch and hello brings it again, and a resend pushes it again.
        Assert.Contains((await agent.HeartbeatAsync()).Commands, c => c.PullOperationId == queued.Id);
        Assert.Contains((await agent.HelloAsync()).Commands, c => c.PullOperationId == queued.Id);
        await Connector(agent.ConnectorId).Enqueue(AgentCommands.StartPull(company.GetPrimaryKeyString(), queued.Id, queued.DataType));
        Assert.True(await agent.WaitForPushAsync(OneSecond), "the resent StartPull was not pushed");
        Assert.Equal(0, agent.CommandsWaiting);
    }

    [Fact]
    public async Task A_paused_company_s_StartPull_is_not_pushed_and_reaches_the_agent_when_it_is_resumed()
    {
        var (company, agent) = await LinkedCompanyAsync(takesPushedCommands: true);
        var companyId = company.GetPrimaryKeyString();
        await agent.Gateway.PauseCompany(agent.Credential, companyId);
        Assert.True(await agent.WaitForDoorbellAsync(OneSecond), "pausing did not ring the doorbell");

        var queued = await QueueAsync(company, DataTypeNames.Invoices);

        // Held back: not pushed, and a fetch does not bring it either.
        Assert.True(await agent.WaitForDoorbellAsync(OneSecond), "the held-back StartPull did not ring the doorbell");
        Assert.DoesNotContain((await agent.HeartbeatAsync()).Commands, c => c.PullOperationId == queued.Id);
        Assert.Equal((0, 0), (agent.Pushes, agent.CommandsWaiting));

        await agent.Gateway.ResumeCompany(agent.Credential, companyId);
        Assert.True(await agent.WaitForDoorbellAsync(OneSecond), "resuming did not ring the doorbell");
        Assert.Contains((await agent.HeartbeatAsync()).Commands, c => c.PullOperationId == queued.Id);
        Assert.Equal(queued.Id, (await agent.NextCommandAsync(OneSecond)).PullOperationId);
    }

    [Fact]
    public async Task A_CancelPull_is_rung_for_not_pushed_and_fetched_once()
    {
        var (company, agent) = await LinkedCompanyAsync(takesPushedCommands: true);
        var queued = await QueueAsync(company, DataTypeNames.Suppliers);
        Assert.Equal(queued.Id, (await agent.NextCommandAsync(OneSecond)).PullOperationId);

        await (await KnownOperation(company, queued.Id)).Cancel("Cancelled by support");

        Assert.True(await agent.WaitForDoorbellAsync(OneSecond), "the cancel did not ring the doorbell");
        Assert.Equal(1, agent.Pushes);
        var session = await agent.HeartbeatAsync();
        Assert.Equal(queued.Id, Assert.Single(session.Commands, c => c.Kind == AgentCommandKind.CancelPull).PullOperationId);
        Assert.DoesNotContain((await agent.HeartbeatAsync()).Commands, c => c.Kind == AgentCommandKind.CancelPull);
    }

    [Fact]
    public async Task A_connector_reactivated_from_storage_still_pushes_to_an_agent_that_declared_it()
    {
        var (company, agent) = await LinkedCompanyAsync(takesPushedCommands: true);
        await Cluster.DeactivateAsync(Connector(agent.ConnectorId));

        // The heartbeat makes the new activation count the agent online; the hello's capability came from storage.
        await agent.HeartbeatAsync();
        var queued = await QueueAsync(company, DataTypeNames.Customers);

        Assert.Equal(queued.Id, (await agent.NextCommandAsync(OneSecond)).PullOperationId);
        Assert.Equal(1, agent.Pushes);
    }
}
