using Ledgerlink.Agents;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>The gateway checks every agent call: the secret, the connector it names, and the data it touches.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentSecurityTests(AzuriteFixture azurite) : OrchestrationTestBase(azurite)
{
    [Fact]
    public async Task Every_call_with_a_wrong_secret_is_denied()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.Invoices);
        var impostor = AgentWith(agent.Credential with { Secret = "not-the-secret" });
        var batch = Batches.Of(0, Batches.Records("invoice", 0, 1));

        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => impostor.HelloAsync());
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => impostor.HeartbeatAsync());
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => impostor.LinkAsync(company.GetPrimaryKeyString(), "not-a-code"));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => impostor.StartPullAsync(queued.Id));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => impostor.Gateway.AppendBatch(impostor.ForgedLease(queued.Id), batch));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => impostor.Gateway.ReportProgress(impostor.ForgedLease(queued.Id), 50));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => impostor.Gateway.CompletePull(impostor.ForgedLease(queued.Id), 0));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => impostor.Gateway.FailPull(impostor.ForgedLease(queued.Id), "x"));
        var empty = AgentWith(agent.Credential with { Secret = "" });
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => empty.HelloAsync());

        // None of it touched the operation.
        Assert.Equal(Ledgerlink.PullOperations.PullOperationStatus.Queued, (await (await KnownOperation(company, queued.Id)).Get())!.Status);
    }

    [Fact]
    public async Task A_valid_credential_is_only_good_at_its_own_connectors_gateway()
    {
        var (_, agent) = await LinkedCompanyAsync();
        var other = await RegisterAgentAsync();

        // Other's real secret presented at agent's gateway, and agent's own credential at other's gateway.
        var atWrongGateway = Client.GetGrain<IAgentGatewayGrain>(agent.ConnectorId);
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => atWrongGateway.Heartbeat(other.Credential, other.Observer));
        var misdirected = Client.GetGrain<IAgentGatewayGrain>(other.ConnectorId);
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => misdirected.Heartbeat(agent.Credential, agent.Observer));
    }

    [Fact]
    public async Task A_connector_cannot_touch_datasets_of_companies_it_does_not_serve()
    {
        var (company, agent) = await LinkedCompanyAsync();
        var queued = await QueueAsync(company, DataTypeNames.Invoices);
        var stranger = await RegisterAgentAsync();
        await stranger.HelloAsync();

        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => stranger.StartPullAsync(queued.Id));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => stranger.Gateway.CompletePull(stranger.ForgedLease(queued.Id), 0));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => stranger.StartPullAsync("no-such-dataset"));

        // The real agent is unaffected.
        Assert.True((await agent.StartPullAsync(queued.Id)).ContinueSync);
    }

    [Fact]
    public async Task Registrations_from_one_client_are_rate_limited_and_a_refused_one_creates_nothing()
    {
        // Registering needs no credential: one client gets five a minute, then is refused before the gateway runs.
        for (var i = 0; i < 5; i++)
        {
            await RegisterAgentAsync();
        }

        var refused = await Assert.ThrowsAsync<AgentAccessDeniedException>(() =>
            Client.GetGrain<IAgentGatewayGrain>("conn-over-the-limit").Register(ScriptedAgent.Hello));
        Assert.Contains("Too many new connectors", refused.Message, StringComparison.Ordinal);
        Assert.Null(await Connector("conn-over-the-limit").GetInfo());
    }

    [Fact]
    public async Task A_connector_id_can_be_registered_only_once_and_its_secret_is_stored_hashed()
    {
        var agent = await RegisterAgentAsync();
        Assert.False(string.IsNullOrWhiteSpace(agent.Credential.Secret));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => agent.Gateway.Register(ScriptedAgent.Hello));
        Assert.True(await Connector(agent.ConnectorId).VerifySecret(agent.Credential.Secret));
        Assert.False(await Connector(agent.ConnectorId).VerifySecret(agent.Credential.Secret + "x"));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() =>
            Client.GetGrain<IAgentGatewayGrain>("bad id/with slash").Register(ScriptedAgent.Hello));

        // The state blob holds the hash, never the secret.
        var state = Azurite.Server.CreateServiceClient().GetBlobContainerClient(Cluster.Storage.StateContainer);
        var found = false;
        await foreach (var blob in state.GetBlobsAsync())
        {
            var content = (await state.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            Assert.DoesNotContain(agent.Credential.Secret, content);
            found |= content.Contains(Ledgerlink.Grains.Connectors.ConnectorSecret.Hash(agent.Credential.Secret));
        }

        Assert.True(found, "the connector's state blob with the secret's hash was not found");
    }

    [Fact]
    public async Task An_agent_links_companies_only_for_its_own_connector()
    {
        var company = await CreateCompanyAsync();
        var agent = await RegisterAgentAsync();
        var other = await RegisterAgentAsync();

        // The request names another connector; the gateway links the caller's own.
        var result = await agent.Gateway.LinkCompany(
            agent.Credential, company.GetPrimaryKeyString(),
            new Ledgerlink.Companies.CompanyLinkRequest(other.ConnectorId, null, null, await LinkCodeAsync(company)));

        Assert.True(result.Linked);
        Assert.Equal(agent.ConnectorId, Assert.Single((await company.Get())!.Connections).ConnectorId);
        Assert.False(await Connector(other.ConnectorId).ServesCompany(company.GetPrimaryKeyString()));
    }
}
