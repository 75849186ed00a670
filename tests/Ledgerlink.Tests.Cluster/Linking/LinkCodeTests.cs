using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Ledgerlink.Agents;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Api.BadInput;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Linking;

/// <summary>
/// Linking needs the one-time link code as well as the licence key (the company id), over the real HTTP API and a
/// scripted agent calling the real agent gateway: the attack with the company id alone, renewal, a used code and an
/// expired one. Every refusal leaves the company's connection exactly as it was.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class LinkCodeTests(AzuriteFixture azurite)
{
    private const string WrongMessage = "The licence key and link code do not match.";

    [Fact]
    public async Task The_company_id_alone_links_nothing_and_changes_nothing()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        var (companyId, connection) = await CreateCompanyAsync(http, "Target Ltd");
        var code = connection["linkCode"]!.GetValue<string>();
        var (otherCompanyId, otherConnection) = await CreateCompanyAsync(http, "Other Ltd");
        var before = await ConnectionAsync(http, companyId, connection);

        // An agent that knows the licence key (the page prints it) but not this company's code.
        await using var attacker = await ScriptedAgent.ConnectAsync(silo);
        await attacker.RegisterAndHelloAsync();
        var almost = code[..^1] + (code[^1] == 'A' ? 'B' : 'A');
        string?[] attempts = [null, "", "   ", "null", almost, otherConnection["linkCode"]!.GetValue<string>(), companyId, new string('0', 28)];
        foreach (var attempt in attempts)
        {
            var refused = await attacker.LinkAsync(companyId, attempt);
            Assert.False(refused.Linked, $"linked with code '{attempt}'");
            Assert.StartsWith(WrongMessage, refused.Reason, StringComparison.Ordinal);
            Assert.Null(refused.ConnectionId);
            Assert.Null(refused.CompanyName);
        }

        // A licence key nobody has answers exactly the same: a refusal tells nothing about the company.
        Assert.Equal(await attacker.LinkAsync(companyId, null), await attacker.LinkAsync(Guid.NewGuid().ToString(), code));

        // Nothing changed: the connection is still PendingAuth with no connector, and the connector serves nothing.
        Assert.Equal(before.ToJsonString(), (await ConnectionAsync(http, companyId, connection)).ToJsonString());
        Assert.Equal("PendingAuth", before["status"]!.GetValue<string>());
        Assert.Null(before["connectionInfo"]);
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => attacker.Gateway.PauseCompany(attacker.Credential!, companyId));
        Assert.Equal("PendingAuth", (await ConnectionAsync(http, otherCompanyId, otherConnection))["status"]!.GetValue<string>());

        // The failed attempts did not burn the code: the SMB's agent, with it, links.
        await using var owner = await ScriptedAgent.ConnectAsync(silo);
        await owner.RegisterAndHelloAsync();
        var link = await owner.LinkAsync(companyId, code);
        Assert.True(link.Linked, link.Reason);
        Assert.Equal("Target Ltd", link.CompanyName);
        var linked = await ConnectionAsync(http, companyId, connection);
        Assert.Equal(("Linked", owner.ConnectorId), (linked["status"]!.GetValue<string>(), linked["connectionInfo"]!["connectorId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Renewing_replaces_the_code_a_used_code_gets_its_own_message_and_only_the_hash_is_stored()
    {
        var settings = RunningSilo.Configure(azurite.ConnectionString);
        await using var silo = await RunningSilo.StartAsync(settings);
        using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        var (companyId, connection) = await CreateCompanyAsync(http, "Renewed Ltd");
        var first = connection["linkCode"]!.GetValue<string>();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$", first);
        Assert.True(connection["linkCodeExpires"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddDays(6.9));

        using var renewal = await http.PostAsync(new Uri($"/companies/{companyId}/connections/{connection["id"]}/linkCode", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, renewal.StatusCode);
        var renewed = await renewal.JsonAsync();
        var second = renewed["linkCode"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        Assert.Equal(connection["id"]!.GetValue<string>(), renewed["id"]!.GetValue<string>());
        Assert.EndsWith($"/start#code={second}", renewed["linkUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        // The renewal is in the served OpenAPI document, answering the connection with its new code.
        var openApi = await http.GetJsonAsync("/openapi/v1.json");
        Assert.NotNull(openApi["paths"]!["/companies/{companyId}/connections/{connectionId}/linkCode"]?["post"]);
        Assert.NotNull(openApi["components"]!["schemas"]!["ConnectionResponse"]!["properties"]!["linkCode"]);

        // Reading the connection never shows the code again.
        var read = await ConnectionAsync(http, companyId, connection);
        Assert.Null(read["linkCode"]);
        Assert.DoesNotContain("#code=", read["linkUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        // The company's state blob holds the hash of the current code, never a code.
        var blobs = await StateBlobsAsync(settings);
        Assert.Contains(blobs, b => b.Contains(Hash(second), StringComparison.Ordinal));
        foreach (var code in new[] { first, second })
        {
            Assert.DoesNotContain(blobs, b => b.Contains(code, StringComparison.Ordinal) || b.Contains(code.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));
        }

        await using var agent = await ScriptedAgent.ConnectAsync(silo);
        await agent.RegisterAndHelloAsync();
        var replaced = await agent.LinkAsync(companyId, first);
        Assert.StartsWith(WrongMessage, replaced.Reason, StringComparison.Ordinal);

        // Typed loosely (lower case, spaces for hyphens), the new code links.
        var link = await agent.LinkAsync(companyId, second.ToLowerInvariant().Replace('-', ' '));
        Assert.True(link.Linked, link.Reason);

        // Used: refused with its own message, for another connector and for the same one, and nothing changes.
        var after = await ConnectionAsync(http, companyId, connection);
        await using var other = await ScriptedAgent.ConnectAsync(silo);
        await other.RegisterAndHelloAsync();
        foreach (var again in new[] { await other.LinkAsync(companyId, second), await agent.LinkAsync(companyId, second) })
        {
            Assert.False(again.Linked);
            Assert.Equal("This link code has already been used. Ask the company that sent it for a new link code.", again.Reason);
        }

        Assert.Equal(after.ToJsonString(), (await ConnectionAsync(http, companyId, connection)).ToJsonString());
        Assert.Equal(agent.ConnectorId, after["connectionInfo"]!["connectorId"]!.GetValue<string>());
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => other.Gateway.PauseCompany(other.Credential!, companyId));

        // An unlinked connection takes no new code; a new connection does, and the old code stays used.
        using (var unlink = await http.PatchAsync(
                   new Uri($"/companies/{companyId}/connections/{connection["id"]}", UriKind.Relative), JsonContent.Create(new { status = "Unlinked" })))
        {
            Assert.Equal(HttpStatusCode.OK, unlink.StatusCode);
        }

        using (var refused = await http.PostAsync(new Uri($"/companies/{companyId}/connections/{connection["id"]}/linkCode", UriKind.Relative), null))
        {
            await ApiCall.AssertCodatErrorAsync(refused, 409, null, $"Data connection {connection["id"]} is Unlinked; create a new connection");
        }

        using var created = await http.PostJsonAsync($"/companies/{companyId}/connections", new { platformKey = "hbql" });
        var fresh = await created.JsonAsync();
        Assert.NotEqual(connection["id"]!.GetValue<string>(), fresh["id"]!.GetValue<string>());
        Assert.Equal("This link code has already been used. Ask the company that sent it for a new link code.", (await other.LinkAsync(companyId, second)).Reason);
        Assert.True((await other.LinkAsync(companyId, fresh["linkCode"]!.GetValue<string>())).Linked);
    }

    [Fact]
    public async Task An_expired_code_gets_its_own_message_and_changes_nothing()
    {
        // Codes expire as soon as they are issued: storing the company takes longer than a tick, so no waiting is needed.
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:Grains:LinkCodeLifetime"] = "00:00:00.0000001",
        }));
        using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        var (companyId, connection) = await CreateCompanyAsync(http, "Expired Ltd");
        var before = await ConnectionAsync(http, companyId, connection);
        await using var agent = await ScriptedAgent.ConnectAsync(silo);
        await agent.RegisterAndHelloAsync();

        var expired = await agent.LinkAsync(companyId, connection["linkCode"]!.GetValue<string>());
        Assert.False(expired.Linked);
        Assert.Equal("This link code has expired. Ask the company that sent it for a new link code.", expired.Reason);
        Assert.StartsWith(WrongMessage, (await agent.LinkAsync(companyId, new string('0', 28))).Reason, StringComparison.Ordinal);
        Assert.Equal(before.ToJsonString(), (await ConnectionAsync(http, companyId, connection)).ToJsonString());
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => agent.Gateway.PauseCompany(agent.Credential!, companyId));
    }

    private static async Task<(string CompanyId, JsonNode Connection)> CreateCompanyAsync(HttpClient http, string name)
    {
        var companyId = await IntegratorCompanies.CreateAsync(http, name);
        using var created = await http.PostJsonAsync($"/companies/{companyId}/connections", new { platformKey = "hbql" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return (companyId, await created.JsonAsync());
    }

    private static Task<JsonNode> ConnectionAsync(HttpClient http, string companyId, JsonNode connection) =>
        http.GetJsonAsync($"/companies/{companyId}/connections/{connection["id"]}");

    private static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code.Replace("-", "", StringComparison.Ordinal))));

    private async Task<List<string>> StateBlobsAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var container = new BlobContainerClient(azurite.ConnectionString, settings["Ledgerlink:Storage:GrainStateContainer"]);
        var contents = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            contents.Add((await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
        }

        return contents;
    }
}
