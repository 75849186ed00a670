using System.Security.Cryptography;
using Ledgerlink.Agents;
using Ledgerlink.Connectors;
using Ledgerlink.Releases;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Releases;

/// <summary>
/// Agents download releases through the gateway, the only door they have: the signed manifest and 1 MiB chunks of the
/// files of the release they are offered, exactly as published; another connector's canary, a file the manifest does
/// not list, an oversized chunk and a wrong credential are refused. Update reports reach support's release view.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReleaseGatewayTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_offered_release_downloads_through_the_gateway_and_nothing_else_does()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:Releases:PublicKey"] = publicKey,
            ["Ledgerlink:Storage:ReleaseContainer"] = AzuriteFixture.UniqueContainerName("releases"),
        }));
        await using var agent = await ScriptedAgent.ConnectAsync(silo);
        await agent.RegisterAndHelloAsync();
        var gateway = agent.Gateway;
        var hello = new AgentHello(Environment.MachineName, "1.0.0", Environment.ProcessId);
        using var operators = silo.CreateHttpClient(TestApiKeys.Operator);
        var archive = RandomNumberGenerator.GetBytes((2 * IAgentGatewayGrain.MaxReleaseChunkBytes) + 12_345);
        await TestReleases.PublishAsync(operators, privateKey, "2.0.0", new Dictionary<string, byte[]> { ["linux-x64.tar.gz"] = archive },
            new { kind = "Connectors", connectorIds = new[] { agent.ConnectorId } });
        await TestReleases.PublishAsync(operators, privateKey, "3.0.0", new Dictionary<string, byte[]> { ["linux-x64.tar.gz"] = archive[..1000] },
            new { kind = "Connectors", connectorIds = new[] { "another-connector" } });

        var session = await gateway.Hello(agent.Credential, hello, agent.Observer);
        Assert.Equal("2.0.0", session.TargetVersion);

        var signed = await gateway.GetRelease(agent.Credential, "2.0.0");
        var (manifest, refusal) = ReleaseCheck.Manifest(signed.Manifest, signed.Signature, publicKey);
        Assert.Null(refusal);
        using var downloaded = new MemoryStream();
        for (long offset = 0; offset < manifest!.Files[0].Size; offset += IAgentGatewayGrain.MaxReleaseChunkBytes)
        {
            downloaded.Write(await gateway.ReadReleaseFile(agent.Credential, "2.0.0", "linux-x64.tar.gz", offset, IAgentGatewayGrain.MaxReleaseChunkBytes));
        }

        Assert.Equal(archive, downloaded.ToArray());
        Assert.Empty(await gateway.ReadReleaseFile(agent.Credential, "2.0.0", "linux-x64.tar.gz", archive.Length, 10));

        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => gateway.GetRelease(agent.Credential, "3.0.0"));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => gateway.ReadReleaseFile(agent.Credential, "3.0.0", "linux-x64.tar.gz", 0, 10));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => gateway.ReadReleaseFile(agent.Credential, "2.0.0", "win-x64.zip", 0, 10));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => gateway.GetRelease(agent.Credential with { Secret = "wrong" }, "2.0.0"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            gateway.ReadReleaseFile(agent.Credential, "2.0.0", "linux-x64.tar.gz", 0, IAgentGatewayGrain.MaxReleaseChunkBytes + 1));

        // A failed attempt reported by the agent is what support sees as the connector's last update.
        await gateway.ReportUpdate(agent.Credential, new UpdateReport("2.0.0", UpdateOutcome.RolledBack, "did not come online within 00:02:00.", DateTimeOffset.UtcNow));
        using var support = silo.CreateHttpClient(TestApiKeys.Support);
        var release = await support.GetJsonAsync($"/support/connectors/{agent.ConnectorId}/release");
        Assert.Equal("2.0.0", release["lastUpdate"]!["version"]!.GetValue<string>());
        Assert.Equal("rolledBack", release["lastUpdate"]!["outcome"]!.GetValue<string>());
        Assert.Equal("did not come online within 00:02:00.", release["lastUpdate"]!["reason"]!.GetValue<string>());
    }
}
