using System.Globalization;
using System.Net;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Redis;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Clustering;

/// <summary>
/// Two silo applications in one cluster, as deploy/cluster runs them: membership in the storage account's table
/// service (Azurite's, the default for many silos) or in a real redis-server.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class ClusteringTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("AzureTable")]
    [InlineData("Redis")]
    public async Task Two_silos_form_one_cluster_that_serves_across_silos_and_outlives_one_leaving(string mode)
    {
        await using var redis = mode == "Redis" ? await RedisServer.StartAsync() : null;
        var firstSettings = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:Clustering:Mode"] = mode,
            ["Ledgerlink:Clustering:RedisConnectionString"] = redis?.ConnectionString,

            // Each run its own membership table, so runs never see each other's silos.
            ["Ledgerlink:Clustering:TableName"] = $"silos{Guid.NewGuid():N}",
        });
        var secondSettings = new Dictionary<string, string?>(firstSettings)
        {
            ["Ledgerlink:Clustering:SiloPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["Ledgerlink:Clustering:GatewayPort"] = AzuriteServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
        };

        var first = await RunningSilo.StartAsync(firstSettings);
        var firstStopped = false;
        try
        {
            await using var second = await RunningSilo.StartAsync(secondSettings);
            using var operatorView = second.CreateHttpClient(TestApiKeys.Operator);
            await Eventually.ValueAsync(
                () => operatorView.GetJsonAsync("/operator/silos"),
                silos => silos.AsArray().Count(s => s!["status"]!.GetValue<string>() == "Active") == 2,
                Patience,
                $"both silos active in the {mode} membership table");

            // The integrator talks to the first silo; the agent is connected to the second silo's gateway.
            using var integratorOnFirst = first.CreateHttpClient(TestApiKeys.IntegratorA);
            using var integratorOnSecond = second.CreateHttpClient(TestApiKeys.IntegratorA);
            var companyId = await IntegratorCompanies.CreateAsync(integratorOnFirst, "Two Silos Ltd");
            var linkCode = await IntegratorLinkCode.NewAsync(integratorOnFirst, companyId);
            await using var agent = await ScriptedAgent.ConnectAsync(second);
            await agent.RegisterAndHelloAsync();
            Assert.True((await agent.LinkAsync(companyId, linkCode)).Linked);

            using (var queued = await integratorOnFirst.PostAsync(new Uri($"/companies/{companyId}/data/queue/customers", UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
            }

            var command = await agent.NextCommandAsync(Patience);
            Assert.Equal("customers", command.DataType);
            await agent.RunPullAsync(command.PullOperationId!, ScriptedAgent.Records("customers", 40));
            var status = await integratorOnSecond.GetJsonAsync($"/companies/{companyId}/dataStatus");
            Assert.Equal("Complete", status["customers"]!["currentStatus"]!.GetValue<string>());

            // The first silo leaves; whatever it hosted is reactivated on the second from blob storage.
            await first.DisposeAsync();
            firstStopped = true;
            var company = await integratorOnSecond.GetJsonAsync($"/companies/{companyId}");
            Assert.Equal("Two Silos Ltd", company["name"]!.GetValue<string>());
            var operation = await integratorOnSecond.GetJsonAsync($"/companies/{companyId}/data/history/{command.PullOperationId}");
            Assert.Equal(40, operation["recordCount"]!.GetValue<long>());
            await Eventually.ValueAsync(
                () => operatorView.GetJsonAsync("/operator/silos"),
                silos => silos.AsArray().Count == 1,
                Patience,
                "only the second silo left active");
        }
        finally
        {
            if (!firstStopped)
            {
                await first.DisposeAsync();
            }
        }
    }
}
