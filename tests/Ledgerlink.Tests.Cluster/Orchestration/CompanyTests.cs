using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>The company's own lifecycle and its Codat-style connection.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class CompanyTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    [Fact]
    public async Task A_company_is_created_once_read_updated_and_deleted()
    {
        var company = Company($"company-{Guid.NewGuid():N}");
        Assert.Null(await company.Get());

        var created = await company.Create(TenantId, Profile());
        Assert.Equal((company.GetPrimaryKeyString(), TenantId, "Stationery & Co"), (created.Id, created.TenantId, created.Profile.Name));
        Assert.Equal("uk", created.Profile.Tags["region"]);
        Assert.Empty(created.Connections);
        await Assert.ThrowsAsync<InvalidOperationException>(() => company.Create("another-tenant", Profile("Other")));

        var updated = await company.UpdateProfile(Profile("Stationery & Co Ltd"));
        Assert.Equal("Stationery & Co Ltd", updated!.Profile.Name);
        Assert.Equal("Stationery & Co Ltd", (await company.Get())!.Profile.Name);
        Assert.Equal(TenantId, (await company.Get())!.TenantId);

        Assert.True(await company.Delete());
        Assert.Null(await company.Get());
        Assert.False(await company.Delete());
        Assert.Null(await company.UpdateProfile(Profile()));
        Assert.Null(await company.CreateConnection("hbql"));
    }

    [Fact]
    public async Task A_connection_goes_from_pending_auth_to_linked_when_the_agent_links_and_can_be_unlinked_and_deleted()
    {
        var company = await CreateCompanyAsync(withConnection: false);
        Assert.Null(await company.CreateConnection("xero"));

        var pending = await company.CreateConnection("hbql");
        Assert.NotNull(pending);
        Assert.Equal((ConnectionStatus.PendingAuth, "hbql", null), (pending.Status, pending.PlatformKey, pending.ConnectorId));
        Assert.Equal(pending.Id, (await company.CreateConnection("hbql"))!.Id);

        var agent = await RegisterAgentAsync();
        var link = await agent.LinkAsync(company.GetPrimaryKeyString(), await LinkCodeAsync(company));
        Assert.True(link.Linked);
        Assert.Equal(pending.Id, link.ConnectionId);
        var linked = Assert.Single((await company.Get())!.Connections);
        Assert.Equal((ConnectionStatus.Linked, agent.ConnectorId), (linked.Status, linked.ConnectorId));
        Assert.True(await Connector(agent.ConnectorId).ServesCompany(company.GetPrimaryKeyString()));

        // Linking again from the same connector, with a new code, is harmless; another connector is refused while it
        // is linked, even with a valid code, and that code stays unused.
        Assert.True((await agent.LinkAsync(company.GetPrimaryKeyString(), await LinkCodeAsync(company))).Linked);
        var other = await RegisterAgentAsync();
        var code = await LinkCodeAsync(company);
        var refused = await other.LinkAsync(company.GetPrimaryKeyString(), code);
        Assert.False(refused.Linked);
        Assert.Contains("already linked to another connector", refused.Reason, StringComparison.Ordinal);
        Assert.True((await agent.LinkAsync(company.GetPrimaryKeyString(), code)).Linked);

        var unlinked = await company.SetConnectionStatus(pending.Id, ConnectionStatus.Unlinked);
        Assert.Equal(ConnectionStatus.Unlinked, unlinked!.Status);
        Assert.Null(await company.SetConnectionStatus("no-such-connection", ConnectionStatus.Linked));

        var deleted = await company.DeleteConnection(pending.Id);
        Assert.Equal(pending.Id, deleted!.Id);
        Assert.Empty((await company.Get())!.Connections);
        Assert.Null(await company.DeleteConnection(pending.Id));
    }

    [Fact]
    public async Task An_agent_linking_an_unknown_licence_key_is_refused_exactly_as_a_wrong_code_is()
    {
        var company = await CreateCompanyAsync();
        var code = await LinkCodeAsync(company);
        var agent = await RegisterAgentAsync();
        var unknown = await agent.LinkAsync($"company-{Guid.NewGuid():N}", code);
        Assert.False(unknown.Linked);
        Assert.Contains("licence key and link code do not match", unknown.Reason, StringComparison.Ordinal);

        // A company that exists answers the same to a wrong code: the refusal tells nothing about the company.
        var wrong = await agent.LinkAsync(company.GetPrimaryKeyString(), "0000-0000-0000-0000-0000-0000-0000");
        Assert.Equal(unknown, wrong);
        Assert.False(await Connector(agent.ConnectorId).ServesCompany("anything"));
        Assert.False(await Connector(agent.ConnectorId).ServesCompany(company.GetPrimaryKeyString()));
    }

    [Fact]
    public async Task Deleting_a_company_cancels_its_running_pulls()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.Invoices);

        Assert.True(await company.Delete());

        // A queued operation had written nothing; the one-way cancel makes it from the request and writes it Cancelled.
        await Eventually.HoldsAsync(async () => (await Operation(queued.Id).Get())?.Status == PullOperationStatus.Cancelled);
        var session = await agent.HeartbeatAsync();
        var cancel = Assert.Single(session.Commands);
        Assert.Equal((AgentCommandKind.CancelPull, queued.Id), (cancel.Kind, cancel.PullOperationId));
        Assert.Empty(await company.GetHistory());
    }
}
